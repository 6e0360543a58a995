package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import io.pgha.dcs.Failover;
import io.pgha.dcs.HistoryEntry;
import io.pgha.dcs.Leader;
import io.pgha.dcs.Member;
import io.pgha.dcs.SyncState;
import io.pgha.ha.PostgresState;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PendingChange;
import io.pgha.postgres.PostmasterState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Variations of captured node snapshots and cluster views for the rules the captures do not show. */
final class NodeStates {
    private String name;
    private String scope;
    private String agentVersion;
    private String role;
    private LocalPostgresStatus postgres;
    private Cluster cluster;
    private Instant dcsLastSeen;
    private boolean holdsLeaderKey;
    private Map<String, Object> tags;
    private Instant lastCycle;
    private long ttlSeconds;
    private long maximumLagOnFailover;
    private boolean watchdogFailed;
    private PostgresState postgresState;
    private boolean failsafeActive;
    private Map<String, Object> scheduledRestart;
    private Instant now;

    private NodeStates(NodeView view) {
        NodeState n = view.node();
        name = n.name();
        scope = n.scope();
        agentVersion = n.agentVersion();
        role = n.role();
        postgres = n.postgres();
        cluster = n.cluster();
        dcsLastSeen = n.dcsLastSeen();
        holdsLeaderKey = n.holdsLeaderKey();
        tags = n.tags();
        lastCycle = n.lastCycle();
        ttlSeconds = n.ttlSeconds();
        maximumLagOnFailover = n.maximumLagOnFailover();
        watchdogFailed = n.watchdogFailed();
        postgresState = n.postgresState();
        failsafeActive = n.failsafeActive();
        scheduledRestart = n.scheduledRestart();
        now = view.now();
    }

    static NodeStates of(NodeView view) {
        return new NodeStates(view);
    }

    /** A starting node: PostgreSQL stopped, no DCS view yet, as observed on 3.0.2 before bootstrap. */
    static NodeView stopped(String role) {
        return of(CapturedNodes.view("healthy", "node2")).postgres(notRunning(PostmasterState.STOPPED))
                .postgresState(PostgresState.STOPPED).role(role).holdsLeaderKey(false).cluster(null).dcsLastSeen(null)
                .view();
    }

    static LocalPostgresStatus notRunning(PostmasterState state) {
        return new LocalPostgresStatus(state, null, null, null, null, null, null, null, null, null, null, null, null,
                List.of(), null, Map.of(), state == PostmasterState.UNKNOWN ? "connection refused" : null);
    }

    /** A copy of {@code pg} with other replica positions. */
    static LocalPostgresStatus positions(LocalPostgresStatus pg, Long received, Long replayed) {
        return new LocalPostgresStatus(pg.state(), pg.postmasterPid(), pg.postmasterStartTime(), pg.serverVersion(),
                pg.inRecovery(), pg.walPosition(), received, replayed, pg.replayedTimestamp(), pg.replayPaused(),
                pg.timeline(), pg.replicationState(), pg.walReceiver(), pg.replication(), pg.systemIdentifier(),
                pg.pendingRestart(), pg.error());
    }

    static LocalPostgresStatus replicationState(LocalPostgresStatus pg, String state) {
        return new LocalPostgresStatus(pg.state(), pg.postmasterPid(), pg.postmasterStartTime(), pg.serverVersion(),
                pg.inRecovery(), pg.walPosition(), pg.receivedLsn(), pg.replayedLsn(), pg.replayedTimestamp(),
                pg.replayPaused(), pg.timeline(), state, pg.walReceiver(), pg.replication(), pg.systemIdentifier(),
                pg.pendingRestart(), pg.error());
    }

    static LocalPostgresStatus replayedAt(LocalPostgresStatus pg, Instant at) {
        return new LocalPostgresStatus(pg.state(), pg.postmasterPid(), pg.postmasterStartTime(), pg.serverVersion(),
                pg.inRecovery(), pg.walPosition(), pg.receivedLsn(), pg.replayedLsn(), at, pg.replayPaused(),
                pg.timeline(), pg.replicationState(), pg.walReceiver(), pg.replication(), pg.systemIdentifier(),
                pg.pendingRestart(), pg.error());
    }

    static LocalPostgresStatus pendingRestart(LocalPostgresStatus pg, Map<String, PendingChange> changes) {
        return new LocalPostgresStatus(pg.state(), pg.postmasterPid(), pg.postmasterStartTime(), pg.serverVersion(),
                pg.inRecovery(), pg.walPosition(), pg.receivedLsn(), pg.replayedLsn(), pg.replayedTimestamp(),
                pg.replayPaused(), pg.timeline(), pg.replicationState(), pg.walReceiver(), pg.replication(),
                pg.systemIdentifier(), changes, pg.error());
    }

    LocalPostgresStatus postgres() {
        return postgres;
    }

    NodeStates role(String value) {
        role = value;
        return this;
    }

    NodeStates postgres(LocalPostgresStatus value) {
        postgres = value;
        return this;
    }

    NodeStates cluster(Cluster value) {
        cluster = value;
        return this;
    }

    NodeStates dcsLastSeen(Instant value) {
        dcsLastSeen = value;
        return this;
    }

    NodeStates holdsLeaderKey(boolean value) {
        holdsLeaderKey = value;
        return this;
    }

    NodeStates tags(Map<String, Object> value) {
        tags = value;
        return this;
    }

    NodeStates lastCycle(Instant value) {
        lastCycle = value;
        return this;
    }

    NodeStates watchdogFailed(boolean value) {
        watchdogFailed = value;
        return this;
    }

    NodeStates postgresState(PostgresState value) {
        postgresState = value;
        return this;
    }

    NodeStates failsafeActive(boolean value) {
        failsafeActive = value;
        return this;
    }

    NodeStates scheduledRestart(Map<String, Object> value) {
        scheduledRestart = value;
        return this;
    }

    NodeStates now(Instant value) {
        now = value;
        return this;
    }

    NodeStates config(String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>(cluster.config().data());
        if (value == null) {
            data.remove(key);
        } else {
            data.put(key, value);
        }
        DynamicConfig config = new DynamicConfig(data, Math.max(1, cluster.config().modRevision()), true);
        cluster = copy(cluster, config, cluster.leader(), cluster.members(), cluster.failover(), cluster.sync(),
                cluster.history(), cluster.failsafe());
        return this;
    }

    NodeStates sync(String leader, String... standbys) {
        cluster = copy(cluster, cluster.config(), cluster.leader(), cluster.members(), cluster.failover(),
                new SyncState(leader, List.of(standbys), null, 1), cluster.history(), cluster.failsafe());
        return this;
    }

    /** The leader key names {@code leader}; null deletes it. */
    NodeStates leader(String leader) {
        cluster = copy(cluster, cluster.config(), leader == null ? null : new Leader(leader, 1, 1), cluster.members(),
                cluster.failover(), cluster.sync(), cluster.history(), cluster.failsafe());
        return this;
    }

    NodeStates member(Member member) {
        List<Member> members = new ArrayList<>(cluster.members());
        members.removeIf(m -> m.name().equals(member.name()));
        members.add(member);
        cluster = copy(cluster, cluster.config(), cluster.leader(), members, cluster.failover(), cluster.sync(),
                cluster.history(), cluster.failsafe());
        return this;
    }

    NodeStates failover(Failover failover) {
        cluster = copy(cluster, cluster.config(), cluster.leader(), cluster.members(), failover, cluster.sync(),
                cluster.history(), cluster.failsafe());
        return this;
    }

    NodeStates history(List<HistoryEntry> history) {
        cluster = copy(cluster, cluster.config(), cluster.leader(), cluster.members(), cluster.failover(),
                cluster.sync(), history, cluster.failsafe());
        return this;
    }

    NodeStates failsafe(Map<String, String> failsafe) {
        cluster = copy(cluster, cluster.config(), cluster.leader(), cluster.members(), cluster.failover(),
                cluster.sync(), cluster.history(), failsafe);
        return this;
    }

    NodeStates withoutConfig() {
        cluster = copy(cluster, DynamicConfig.ABSENT, cluster.leader(), cluster.members(), cluster.failover(),
                cluster.sync(), cluster.history(), cluster.failsafe());
        return this;
    }

    NodeState build() {
        return new NodeState(name, scope, agentVersion, role, postgres, cluster, dcsLastSeen, holdsLeaderKey, tags,
                lastCycle, ttlSeconds, maximumLagOnFailover, watchdogFailed, postgresState, failsafeActive,
                scheduledRestart);
    }

    NodeView view() {
        return new NodeView(build(), now);
    }

    private static Cluster copy(Cluster c, DynamicConfig config, Leader leader, List<Member> members, Failover failover,
                                SyncState sync, List<HistoryEntry> history, Map<String, String> failsafe) {
        return new Cluster(c.keyspace(), c.initialize(), config, leader, members, failover, sync, history, c.status(),
                failsafe, c.problems(), c.revision());
    }
}
