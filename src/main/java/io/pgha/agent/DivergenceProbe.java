package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.ha.Divergence;
import io.pgha.ha.DivergenceRule;
import io.pgha.ha.LocalState;
import io.pgha.postgres.ControlData;
import io.pgha.postgres.Postgres;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.SystemIdentity;
import io.pgha.postgres.TimelineHistory;
import io.pgha.postgres.Upstream;
import java.util.List;
import java.util.Optional;

/**
 * Gathers what {@link DivergenceRule} compares (ha-loop.md §12.2): my timeline and position (a running
 * server over a local replication connection, a stopped one from pg_controldata) and the leader's
 * timeline and history over a replication connection. Anything that cannot be learnt makes the answer
 * UNKNOWN, and the check is tried again later.
 */
final class DivergenceProbe {
    private static final System.Logger LOG = System.getLogger(DivergenceProbe.class.getName());

    private final AgentParts parts;

    DivergenceProbe(AgentParts parts) {
        this.parts = parts;
    }

    /** One position of the local server: timeline, LSN and whether it is (or was) a replica. */
    record Position(long timeline, long lsn, boolean inRecovery) {
    }

    Divergence check(String leaderName, Cycle cycle) {
        Optional<Member> leader = cycle.view().member(leaderName);
        if (leader.isEmpty() || leader.get().connUrl() == null || !leader.get().isPrimaryRole()) {
            LOG.log(System.Logger.Level.INFO, "cannot check timelines against " + leaderName + ": it is not a running primary");
            return Divergence.UNKNOWN;
        }
        Postgres postgres = parts.postgres();
        try {
            Optional<Position> mine = local(postgres, cycle.local().postgres());
            if (mine.isEmpty()) {
                return Divergence.UNKNOWN;
            }
            Upstream source = Upstream.fromConnUrl(leaderName, leader.get().connUrl());
            SystemIdentity theirs = postgres.timelines().identifySystem(source);
            List<DivergenceRule.Switch> history = List.of();
            if (mine.get().timeline() < theirs.timeline() && theirs.timeline() > 1) {
                history = switches(postgres.timelines().history(source, theirs.timeline()));
            }
            Divergence answer = DivergenceRule.compare(mine.get().timeline(), mine.get().lsn(), mine.get().inRecovery(),
                    null, theirs.timeline(), history);
            LOG.log(System.Logger.Level.INFO, "local timeline=" + mine.get().timeline() + " lsn="
                    + io.pgha.postgres.Lsn.format(mine.get().lsn()) + ", primary timeline=" + theirs.timeline()
                    + ": rewind " + (answer == Divergence.NEED ? "needed" : "not needed"));
            return answer;
        } catch (PostgresException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "timeline check against " + leaderName + " failed: " + e.getMessage());
            return Divergence.UNKNOWN;
        }
    }

    private Optional<Position> local(Postgres postgres, LocalState.Postgres pg) {
        if (pg.running() && pg.state() == io.pgha.ha.PostgresState.RUNNING) {
            Long replayed = pg.replayLsn() != null ? pg.replayLsn() : pg.walPosition();
            if (replayed == null) {
                return Optional.empty();
            }
            long timeline;
            try {
                Upstream self = Upstream.of(parts.name(), postgres.settings().listen().localHost(),
                        postgres.settings().listen().port());
                timeline = postgres.timelines().identifySystem(self).timeline();
            } catch (PostgresException e) {
                if (pg.timeline() == null) {
                    return Optional.empty();
                }
                timeline = pg.timeline();
            }
            return Optional.of(new Position(timeline, replayed, pg.inRecovery()));
        }
        return fromControlData(postgres.controlData());
    }

    /** A stopped server: the end of recovery of a replica, the last checkpoint of a cleanly stopped primary. */
    static Optional<Position> fromControlData(ControlData control) {
        ControlData.ClusterState state = control.clusterState();
        if (state == ControlData.ClusterState.SHUT_DOWN_IN_RECOVERY || state == ControlData.ClusterState.IN_ARCHIVE_RECOVERY) {
            long lsn = control.minRecoveryEndingLocation();
            int timeline = control.minRecoveryEndingTimeline();
            if (lsn != 0 && timeline != 0) {
                return Optional.of(new Position(timeline, lsn, true));
            }
            state = ControlData.ClusterState.SHUT_DOWN; // it was a primary when it went down
        }
        if (state == ControlData.ClusterState.SHUT_DOWN) {
            return Optional.of(new Position(control.latestCheckpointTimeline(), control.latestCheckpointLocation(), false));
        }
        return Optional.empty();
    }

    static List<DivergenceRule.Switch> switches(List<TimelineHistory.Entry> entries) {
        return entries.stream().map(e -> new DivergenceRule.Switch(e.parentTimeline(), e.switchLsn())).toList();
    }
}
