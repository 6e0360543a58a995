package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterStatus;
import io.pgha.dcs.DynamicConfig;
import io.pgha.dcs.Failover;
import io.pgha.dcs.HistoryEntry;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Leader;
import io.pgha.dcs.Member;
import io.pgha.dcs.SyncState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cluster views, members and local states for HA scenarios. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String SYSID = "7712239926406301085";
    static final Keyspace DEMO = new Keyspace("/service/", "demo");

    private Fixtures() {
    }

    static Member member(String name, String role, String state, Long lsn, Integer timeline, Map<String, Object> tags) {
        return new Member(name, 1, 7, "postgres://" + name + ":5432/postgres", "http://" + name + ":8008/patroni",
                state, role, "4.1.4", null, tags, false, null, lsn, null, null, null, timeline, null, false, null, null);
    }

    static Member primary(String name, long lsn) {
        return member(name, "primary", "running", lsn, 1, Map.of());
    }

    static Member replica(String name, long lsn) {
        return member(name, "replica", "running", lsn, 1, Map.of());
    }

    static Member replica(String name, long lsn, Map<String, Object> tags) {
        return member(name, "replica", "running", lsn, 1, tags);
    }

    static Upstream upstream(String name) {
        return new Upstream(name, "postgres://" + name + ":5432/postgres");
    }

    static ClusterBuilder cluster() {
        return new ClusterBuilder();
    }

    /** A healthy streaming replica that settled in earlier cycles. */
    static LocalState.Builder runningReplica(long lsn) {
        return LocalState.builder().dataDirectory(DataDirectory.INITIALIZED).sysid(SYSID)
                .controlState("in archive recovery").running(true).state(PostgresState.RUNNING)
                .stateSince(NOW.minusSeconds(3600)).inRecovery(true).timeline(1L).walPosition(lsn)
                .receiveLsn(lsn).replayLsn(lsn).replicationState("streaming").serverVersion(150018)
                .role(Role.REPLICA).announced(true);
    }

    /** A running primary that renewed its lock in the previous cycle. */
    static LocalState.Builder runningPrimary(long lsn) {
        return LocalState.builder().dataDirectory(DataDirectory.INITIALIZED).sysid(SYSID)
                .controlState("in production").running(true).state(PostgresState.RUNNING)
                .stateSince(NOW.minusSeconds(3600)).inRecovery(false).timeline(1L).walPosition(lsn)
                .serverVersion(150018).role(Role.PRIMARY).holdsLeaderKey(true)
                .lastLeaderRenewal(NOW.minusSeconds(10)).announced(true);
    }

    /** A node whose data directory is empty and whose PostgreSQL never ran. */
    static LocalState.Builder freshNode() {
        return LocalState.builder().dataDirectory(DataDirectory.EMPTY).running(false).state(PostgresState.STOPPED)
                .role(Role.UNINITIALIZED);
    }

    static HaInput input(HaSettings settings, Cluster cluster, LocalState local) {
        return HaInput.of(settings, cluster, null, local, NOW);
    }

    static HaInput input(String me, Cluster cluster, LocalState local) {
        return input(HaSettings.of(me), cluster, local);
    }

    static final class ClusterBuilder {
        private String initialize = SYSID;
        private final Map<String, Object> config = new LinkedHashMap<>(Map.of("ttl", 30, "loop_wait", 10,
                "retry_timeout", 10, "maximum_lag_on_failover", 1048576));
        private boolean configPresent = true;
        private Leader leader;
        private final List<Member> members = new ArrayList<>();
        private Failover failover = Failover.NONE;
        private SyncState sync = SyncState.EMPTY;
        private List<HistoryEntry> history = List.of();
        private long optime;
        private Map<String, Long> slotPositions = Map.of();

        ClusterBuilder initialize(String value) {
            initialize = value;
            return this;
        }

        ClusterBuilder config(String key, Object value) {
            config.put(key, value);
            return this;
        }

        ClusterBuilder noConfig() {
            config.clear();
            configPresent = false;
            return this;
        }

        ClusterBuilder paused() {
            return config("pause", true);
        }

        ClusterBuilder leader(String name) {
            leader = new Leader(name, 5, 7);
            return this;
        }

        ClusterBuilder members(Member... values) {
            members.addAll(List.of(values));
            return this;
        }

        ClusterBuilder failover(String fromLeader, String candidate, String scheduledAt) {
            failover = new Failover(fromLeader, candidate, scheduledAt, 42);
            return this;
        }

        ClusterBuilder sync(String syncLeader, List<String> standbys, Integer quorum) {
            sync = new SyncState(syncLeader, standbys, quorum, 9);
            return this;
        }

        ClusterBuilder history(HistoryEntry... entries) {
            history = List.of(entries);
            return this;
        }

        ClusterBuilder noHistory() {
            history = null;
            return this;
        }

        ClusterBuilder optime(long value) {
            optime = value;
            return this;
        }

        /** {@code /status.slots} as the leader published them. */
        ClusterBuilder slotPositions(Map<String, Long> value) {
            slotPositions = value;
            return this;
        }

        Cluster build() {
            return new Cluster(DEMO, initialize, new DynamicConfig(config, 3, configPresent), leader, members,
                    failover, sync, history, new ClusterStatus(optime, slotPositions, List.of(), 4), null, List.of(), 100);
        }
    }
}
