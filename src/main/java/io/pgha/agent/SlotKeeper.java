package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.ha.AsyncTask;
import io.pgha.ha.ClusterSettings;
import io.pgha.ha.ExistingSlot;
import io.pgha.ha.LocalState;
import io.pgha.ha.PermanentSlots;
import io.pgha.ha.PostgresState;
import io.pgha.ha.SlotNames;
import io.pgha.ha.SlotPlan;
import io.pgha.ha.SlotSpec;
import io.pgha.ha.Upstream;
import io.pgha.postgres.Postgres;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.ReplicationSlot;
import io.pgha.postgres.SlotState;
import io.pgha.postgres.StopMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Step 13 of the cycle (ha-loop.md §16.4): executes the {@link SlotPlan}. Member and permanent physical
 * slots are created and dropped at once; the leader creates permanent logical slots; a replica moves its
 * permanent slots to the positions the leader published (logical ones in a background thread, as decoding
 * may take a while) and copies a missing logical slot from the primary in the task slot: read its state
 * file over SQL, stop PostgreSQL, put the file into pg_replslot, start again. Slots a client streams
 * through are never dropped; temporary slots (pg_basebackup's) are never touched.
 */
final class SlotKeeper {
    private static final System.Logger LOG = System.getLogger(SlotKeeper.class.getName());
    static final String COPY_TASK = "copy_logical_slots";

    private final AgentParts parts;
    private final ExecutorService advancer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "pgha-slot-advance");
        thread.setDaemon(true);
        return thread;
    });
    /** Logical slots whose advance is queued or running, so a slow one is not queued again each cycle. */
    private final Map<String, Boolean> advancing = new ConcurrentHashMap<>();
    /** Logical slots whose WAL is gone here: copied again from the primary. */
    private final Set<String> recopy = ConcurrentHashMap.newKeySet();
    /** The state file last installed per slot: the same content again would not help (task thread only). */
    private final Map<String, byte[]> installed = new ConcurrentHashMap<>();

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
            List<ReplicationSlot> slots = postgres.replicationSlots().list().stream()
                    .filter(slot -> !slot.temporary()).toList();
            List<ExistingSlot> existing = slots.stream().map(SlotKeeper::existing).toList();
            SlotPlan plan = SlotPlan.plan(view, me, leader, parts.settings.ha().tags(), existing);
            Set<String> kept = new TreeSet<>();
            for (String slot : plan.drop()) {
                if (slots.stream().anyMatch(s -> s.name().equals(slot) && s.active())) {
                    kept.add(slot); // someone streams through it: not a slot of a member that left
                    continue;
                }
                try {
                    postgres.replicationSlots().drop(slot);
                    LOG.log(System.Logger.Level.INFO, "Dropped unknown replication slot '" + slot + "'");
                } catch (PostgresException e) {
                    kept.add(slot);
                    LOG.log(System.Logger.Level.ERROR, "Failed to drop replication slot '" + slot + "': " + e.getMessage());
                }
            }
            for (SlotSpec slot : plan.create()) {
                if (!kept.contains(slot.name())) {
                    create(postgres, slot);
                }
            }
            for (Map.Entry<String, Long> target : plan.advance().entrySet()) {
                ExistingSlot slot = existing.stream().filter(s -> s.name().equals(target.getKey())).findFirst().orElseThrow();
                advance(postgres, slot.spec(), target.getValue());
            }
            plan.copy().forEach(installed::remove); // missing here: whatever the primary has is new
            Set<String> copy = new TreeSet<>(plan.copy());
            recopy.retainAll(plan.advance().keySet());
            copy.addAll(recopy);
            if (!copy.isEmpty()) {
                startCopy(view, List.copyOf(copy));
            }
        } catch (PostgresException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "replication slots not synchronised: " + e.getMessage());
        }
    }

    static ExistingSlot existing(ReplicationSlot slot) {
        SlotSpec spec = slot.isPhysical() ? SlotSpec.physical(slot.name())
                : SlotSpec.logical(slot.name(), slot.database(), slot.plugin());
        return new ExistingSlot(spec, slot.active(), slot.restartLsn(), slot.confirmedFlushLsn());
    }

    private void create(Postgres postgres, SlotSpec slot) {
        try {
            if (slot.isLogical()) {
                postgres.replicationSlots().createLogical(slot.name(), slot.database(), slot.plugin());
            } else {
                postgres.replicationSlots().createPhysical(slot.name());
            }
            LOG.log(System.Logger.Level.INFO, "created " + slot.type() + " replication slot " + slot.name());
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, "Failed to create " + slot.type() + " replication slot '" + slot.name()
                    + "': " + e.getMessage());
        }
    }

    private void advance(Postgres postgres, SlotSpec slot, long lsn) {
        if (!slot.isLogical()) {
            try {
                postgres.replicationSlots().advance(slot.name(), lsn);
            } catch (PostgresException e) {
                LOG.log(System.Logger.Level.ERROR, "Error while advancing replication slot " + slot.name() + ": "
                        + e.getMessage());
            }
            return;
        }
        if (advancing.putIfAbsent(slot.name(), Boolean.TRUE) != null) {
            return;
        }
        advancer.execute(() -> {
            try {
                if (!parts.postgres().replicationSlots().advanceLogical(slot.name(), slot.database(), lsn)) {
                    LOG.log(System.Logger.Level.ERROR, "Failed to advance logical replication slot '" + slot.name()
                            + "': the WAL it needs is gone here; copying it from the primary again");
                    recopy.add(slot.name());
                }
            } catch (PostgresException e) {
                LOG.log(System.Logger.Level.ERROR, "Failed to advance logical replication slot '" + slot.name()
                        + "': " + e.getMessage());
            } finally {
                advancing.remove(slot.name());
            }
        });
    }

    /** Copies the named logical slots from the primary in the task slot (Patroni's copy_logical_slots). */
    private void startCopy(Cluster view, List<String> names) {
        Optional<Upstream> primary = view.leaderMember().map(Upstream::of);
        Optional<io.pgha.postgres.Upstream> server = primary.flatMap(p -> AgentParts.server(p, null));
        if (server.isEmpty()) {
            return;
        }
        Map<String, SlotSpec> wanted = PermanentSlots.from(view.config()).slots();
        boolean started = parts.tasks.run(AsyncTask.of(AsyncTask.Kind.OTHER, COPY_TASK, Instant.now()),
                () -> copy(server.get(), names, wanted));
        if (started) {
            LOG.log(System.Logger.Level.INFO, "Copying logical slots " + names + " from the primary");
        }
    }

    private void copy(io.pgha.postgres.Upstream primary, List<String> names, Map<String, SlotSpec> wanted) {
        Postgres postgres = parts.postgres();
        List<SlotState> states;
        try {
            // the primary writes a slot's state file at checkpoints only: without one the copy could need WAL
            // this replica never had (Patroni waits for the primary's next checkpoint instead)
            postgres.checkpointOn(primary);
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.WARNING, "no checkpoint on " + primary.name() + " before copying slots: "
                    + e.getMessage());
        }
        try {
            states = postgres.replicationSlots().readStates(primary, names).stream().filter(state -> {
                SlotSpec configured = wanted.get(state.name());
                boolean same = configured != null && "logical".equals(state.type())
                        && configured.sameKindAs(SlotSpec.logical(state.name(), state.database(), state.plugin()));
                if (!same && configured != null) {
                    LOG.log(System.Logger.Level.WARNING, "Will not copy the logical slot \"" + state.name()
                            + "\" due to the configuration mismatch: configuration=" + configured + ", slot on the primary="
                            + state);
                }
                return same;
            }).toList();
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, "Failed to copy logical slots from the " + primary.name()
                    + " via postgresql connection: " + e.getMessage());
            return;
        }
        states = states.stream().filter(state -> !java.util.Arrays.equals(state.state(), installed.get(state.name())))
                .toList();
        if (states.isEmpty()) {
            return; // nothing new on the primary yet
        }
        Upstream upstream = parts.memory.upstream();
        parts.local.state(PostgresState.STOPPING, Instant.now());
        try {
            postgres.stop(StopMode.FAST);
        } catch (PostgresException e) {
            parts.local.state(PostgresState.STOP_FAILED, Instant.now());
            throw e;
        }
        parts.local.state(PostgresState.STOPPED, Instant.now());
        try {
            postgres.replicationSlots().installStates(states);
            states.forEach(state -> {
                installed.put(state.name(), state.state());
                recopy.remove(state.name());
            });
        } finally {
            boolean useSlots = parts.freshView().map(v -> ClusterSettings.from(v.config()).useSlots()).orElse(true);
            new ReplicaStart(parts).asReplica(upstream, upstream != null && useSlots ? SlotNames.forMember(parts.name())
                    : null, null);
        }
    }
}
