package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.ha.LocalState;
import io.pgha.ha.PostgresState;
import io.pgha.ha.SlotPlan;
import io.pgha.postgres.Postgres;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.ReplicationSlot;
import java.util.List;

/**
 * Step 13 of the cycle, member slots only (ha-loop.md §16): the leader creates a physical slot for every
 * member streaming from it before that member asks for it, replicas for members cascading from them;
 * slots nobody needs any more are dropped unless a client streams through them. Temporary slots
 * (pg_basebackup's) are never touched. Permanent and logical slots are not managed yet.
 */
final class SlotKeeper {
    private static final System.Logger LOG = System.getLogger(SlotKeeper.class.getName());

    private final AgentParts parts;

    SlotKeeper(AgentParts parts) {
        this.parts = parts;
    }

    void sync(Cluster view, LocalState.Postgres pg) {
        if (view == null || !pg.running() || pg.state() != PostgresState.RUNNING) {
            return;
        }
        String me = parts.name();
        // a standby leader keeps the slots of its cascade as a primary would (Patroni's get_replication_slots)
        boolean leader = !view.isUnlocked() && view.leader().name().equals(me)
                && (pg.isPrimary() || parts.memory.role() == io.pgha.ha.Role.STANDBY_LEADER);
        if (pg.isPrimary() && !leader) {
            return; // a primary without the lock is about to be demoted; leave its slots alone
        }
        Postgres postgres = parts.postgres();
        if (!postgres.isRunning()) {
            return; // stopped by this cycle's decision
        }
        try {
            List<ReplicationSlot> slots = postgres.slots().stream()
                    .filter(slot -> slot.isPhysical() && !slot.temporary()).toList();
            List<String> existing = slots.stream().map(ReplicationSlot::name).toList();
            List<String> active = slots.stream().filter(ReplicationSlot::active).map(ReplicationSlot::name).toList();
            SlotPlan plan = SlotPlan.plan(view, me, leader, existing);
            for (String slot : plan.create()) {
                postgres.createPhysicalSlot(slot);
                LOG.log(System.Logger.Level.INFO, "created replication slot " + slot);
            }
            for (String slot : plan.drop()) {
                if (active.contains(slot)) {
                    continue; // someone streams through it: not a slot of a member that left
                }
                postgres.dropSlot(slot);
                LOG.log(System.Logger.Level.INFO, "dropped replication slot " + slot);
            }
        } catch (PostgresException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "replication slots not synchronised: " + e.getMessage());
        }
    }
}
