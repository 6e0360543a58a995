package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.KeyspaceWriter;
import io.pgha.dcs.SyncState;
import io.pgha.ha.Action;
import io.pgha.ha.ClusterSettings;
import io.pgha.ha.QuorumResolver;
import io.pgha.ha.SlotNames;
import io.pgha.ha.StandbyNames;
import io.pgha.ha.SyncCandidates;
import io.pgha.ha.SyncPlanner;
import io.pgha.ha.SyncPlanner.Step;
import io.pgha.ha.SyncReadiness;
import io.pgha.ha.SyncSettings;
import io.pgha.postgres.Postgres;
import io.pgha.postgres.PostgresRole;
import io.pgha.postgres.ReplicationRow;
import io.pgha.postgres.SynchronousFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Executes {@link Action.ManageSync} and {@link Action.PrepareSyncForPromotion}: reads the primary's
 * replication state, asks {@link SyncPlanner} / {@link QuorumResolver} for the steps and performs them —
 * compare-and-set on {@code /sync}, {@code synchronous_standby_names} written into postgresql.conf and
 * reloaded. Keeps the readiness memory of {@link SyncCandidates} between cycles.
 */
final class SyncReplication {
    private static final System.Logger LOG = System.getLogger(SyncReplication.class.getName());
    private static final Duration RECHECK = Duration.ofSeconds(2);

    private final AgentParts parts;
    private SyncReadiness readiness = SyncReadiness.INITIAL;
    /** When this node last prepared a promotion: quorum mode leaves the standbys a loop_wait to reconnect. */
    private Instant promotedAt;

    SyncReplication(AgentParts parts) {
        this.parts = parts;
    }

    /** True/false for the two sync actions (done, or stop this cycle), null for any other action. */
    Boolean execute(Action action, Cycle cycle) throws InterruptedException {
        if (action instanceof Action.ManageSync) {
            return manage(cycle);
        }
        if (action instanceof Action.PrepareSyncForPromotion) {
            return prepareForPromotion(cycle);
        }
        return null;
    }

    /** The writes of one run, chaining compare-and-set revisions. */
    private final class Writes {
        private final SyncSettings settings;
        private final Cluster view;
        private final PostgresRole role;
        long revision;

        Writes(SyncSettings settings, Cluster view, PostgresRole role) {
            this.settings = settings;
            this.view = view;
            this.role = role;
            this.revision = view.sync().modRevision();
        }

        /** Runs steps up to the first failure or {@link Step.Recheck}; returns that Recheck, or null. */
        Step.Recheck run(List<Step> steps) throws InterruptedException {
            for (Step step : steps) {
                if (step instanceof Step.Recheck recheck) {
                    return recheck;
                }
                if (!perform(step)) {
                    throw new Aborted();
                }
            }
            return null;
        }

        private boolean perform(Step step) throws InterruptedException {
            if (step instanceof Step.WriteSync w) {
                Long next = parts.dcs.writeSync(KeyspaceWriter.sync(w.leader(), new ArrayList<>(w.standbys()), w.quorum()),
                        revision);
                if (next == null) {
                    LOG.log(System.Logger.Level.INFO, "Synchronous replication key updated by someone else");
                    return false;
                }
                revision = next;
                LOG.log(System.Logger.Level.INFO, w.message());
                return true;
            }
            if (step instanceof Step.DeleteSync) {
                if (parts.dcs.deleteSync(revision)) {
                    LOG.log(System.Logger.Level.INFO, "Disabled synchronous replication");
                }
                return true;
            }
            if (step instanceof Step.SetStandbyNames s) {
                String value = StandbyNames.render(s.names(), s.num(), settings.quorum());
                if (parts.settings.manageStandbyNames(value)) {
                    LOG.log(System.Logger.Level.INFO, s.message());
                    reload(view, role);
                    if (role == PostgresRole.PRIMARY && value != null && !value.contains("*")) {
                        Thread.sleep(100);
                        look(view, settings);
                    }
                }
                return true;
            }
            if (step instanceof Step.UseConfiguredStandbyNames) {
                if (parts.settings.releaseStandbyNames()) {
                    reload(view, role);
                }
                return true;
            }
            throw new IllegalArgumentException("unknown step " + step);
        }
    }

    /** A compare-and-set failed: nothing more this cycle. */
    private static final class Aborted extends RuntimeException {
        Aborted() {
            super(null, null, false, false);
        }
    }

    private boolean manage(Cycle cycle) throws InterruptedException {
        Cluster view = cycle.view();
        if (view == null) {
            return true;
        }
        SyncSettings settings = SyncSettings.from(parts.settings.dynamic());
        Writes writes = new Writes(settings, view, PostgresRole.PRIMARY);
        try {
            if (!settings.enabled()) {
                writes.run(SyncPlanner.disable(view.sync()));
            } else if (settings.quorum()) {
                manageQuorum(cycle, settings, writes);
            } else {
                SyncCandidates.View state = look(view, settings);
                Step.Recheck recheck = writes.run(SyncPlanner.onMode(parts.name(), view.sync(), state, settings.strict()));
                if (recheck != null) {
                    Thread.sleep(RECHECK.toMillis()); // give PostgreSQL time to make the named standbys synchronous
                    state = look(view, settings);
                    writes.run(SyncPlanner.afterRecheck(parts.name(), recheck.common(), state.confirmed()));
                }
            }
        } catch (Aborted e) {
            // the next cycle starts again from what etcd holds then
        } catch (QuorumResolver.QuorumError e) {
            LOG.log(System.Logger.Level.WARNING, "synchronous replication not changed: " + e.getMessage());
        }
        return true;
    }

    private void manageQuorum(Cycle cycle, SyncSettings settings, Writes writes) throws InterruptedException {
        Duration loopWait = cycle.timings().loopWaitDuration();
        Instant start = Instant.now();
        if (promotedAt != null && Duration.between(promotedAt, start).compareTo(loopWait) < 0) {
            return; // the standbys get a loop_wait to start streaming from me before /sync is reworked
        }
        promotedAt = null;
        Cluster view = writes.view;
        SyncState sync = view.sync();
        String leader = sync.leader();
        int quorum = sync.quorum() == null ? 0 : sync.quorum();
        List<String> voters = sync.syncStandbys();
        if (sync.isEmpty()) {
            writes.run(List.of(new Step.WriteSync(parts.name(), java.util.Set.of(), 0, "Enabled synchronous replication")));
            leader = parts.name();
            quorum = 0;
            voters = List.of();
        }
        while (true) {
            SyncCandidates.View state = look(view, settings);
            List<QuorumResolver.Transition> transitions = QuorumResolver.resolve(new QuorumResolver.State(leader, quorum,
                    voters, state.numsync(), state.sync(), state.confirmed().size(), state.active(), settings.nodeCount(),
                    parts.name()));
            boolean restart = false;
            for (Step step : SyncPlanner.quorumSteps(transitions, settings.minSync())) {
                if (Duration.between(start, Instant.now()).compareTo(loopWait) >= 0) {
                    return;
                }
                if (step instanceof Step.Recheck) {
                    restart = true;
                    break;
                }
                writes.run(List.of(step));
                if (step instanceof Step.WriteSync w) {
                    leader = w.leader();
                    quorum = w.quorum();
                    voters = new ArrayList<>(w.standbys());
                }
            }
            if (!restart || Duration.between(start, Instant.now()).plusSeconds(1).compareTo(loopWait) >= 0) {
                return;
            }
            Thread.sleep(1000); // standbys just named may need a moment to report themselves synchronous
        }
    }

    private boolean prepareForPromotion(Cycle cycle) throws InterruptedException {
        Cluster view = cycle.view();
        if (view == null) {
            return false;
        }
        SyncSettings settings = SyncSettings.from(parts.settings.dynamic());
        Writes writes = new Writes(settings, view, PostgresRole.REPLICA);
        try {
            writes.run(SyncPlanner.beforePromote(parts.name(), view.sync(), settings));
        } catch (Aborted e) {
            LOG.log(System.Logger.Level.INFO, "not promoting: the synchronous replication key changed meanwhile");
            return false;
        }
        promotedAt = Instant.now();
        readiness = SyncReadiness.INITIAL;
        return true;
    }

    /** Reads the server, notices a changed synchronous_standby_names and evaluates the candidates. */
    private SyncCandidates.View look(Cluster view, SyncSettings settings) {
        Postgres postgres = parts.postgres();
        SynchronousFacts facts = postgres.synchronousFacts();
        StandbyNames names;
        try {
            names = StandbyNames.parse(facts.standbyNames());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
            names = StandbyNames.EMPTY;
        }
        if (readiness.changedTo(facts.standbyNames())) {
            readiness = readiness.afterChange(facts.standbyNames(), names, facts.flushLsn());
            postgres.moveWal();
        }
        List<SyncCandidates.Standby> standbys = new ArrayList<>();
        for (ReplicationRow row : facts.standbys()) {
            standbys.add(new SyncCandidates.Standby(row.applicationName(), row.syncState(), row.writeLsn(),
                    row.flushLsn(), row.replayLsn()));
        }
        SyncCandidates.View state = SyncCandidates.evaluate(parts.name(), view, settings,
                new SyncCandidates.Facts(standbys, facts.synchronousCommit(), facts.flushLsn(), names, readiness));
        readiness = state.readiness();
        return state;
    }

    /** Writes postgresql.conf for the server's current role and reloads it, when it runs. */
    private void reload(Cluster view, PostgresRole role) {
        Postgres postgres = parts.postgres();
        if (!postgres.isRunning()) {
            return;
        }
        Optional<io.pgha.postgres.Upstream> upstream = Optional.empty();
        if (role == PostgresRole.REPLICA) {
            var member = parts.memory.upstream();
            String slot = member != null && ClusterSettings.from(view.config()).useSlots() ? SlotNames.forMember(parts.name())
                    : null;
            upstream = AgentParts.server(member, slot);
        }
        postgres.writeConfiguration(role, upstream);
        postgres.reload();
    }
}
