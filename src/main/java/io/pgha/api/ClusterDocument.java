package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Failover;
import io.pgha.dcs.Member;
import io.pgha.ha.ClusterSettings;
import io.pgha.postgres.Lsn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /cluster} in Patroni 4.1's shape (rest-api.md §5.1), which {@code patronictl
 * list} also prints from. 3.0.2 wrote only {@code lag} per member and no {@code scope}; the extra
 * fields are additions a 3.0.2 reader ignores.
 */
final class ClusterDocument {
    private static final List<String> COPIED = List.of("timeline", "pending_restart", "pending_restart_reason",
            "scheduled_restart", "tags");
    private static final String UNKNOWN = "unknown";

    private ClusterDocument() {
    }

    static Map<String, Object> of(Cluster cluster, String scope) {
        ClusterSettings settings = ClusterSettings.from(cluster.config());
        boolean synchronous = settings.synchronousMode() && !settings.standbyCluster();
        String leader = cluster.isUnlocked() ? null : cluster.leader().name();
        long clusterLsn = cluster.clusterLsn();

        List<Member> members = new ArrayList<>(cluster.members());
        members.sort(Comparator.comparing(Member::name));
        List<Object> rows = new ArrayList<>();
        for (Member m : members) {
            String role;
            if (m.name().equals(leader)) {
                role = settings.standbyCluster() ? "standby_leader" : "leader";
            } else if (synchronous && cluster.sync().isSyncStandby(m.name())) {
                role = settings.quorumMode() ? "quorum_standby" : "sync_standby";
            } else {
                role = "replica";
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", m.name());
            row.put("role", role);
            row.put("state", state(m, role));
            row.put("api_url", m.apiUrl());
            m.postgresAddress().ifPresent(address -> {
                row.put("host", address.host());
                row.put("port", address.port());
            });
            for (String field : COPIED) {
                if (m.data().containsKey(field)) {
                    row.put(field, m.data().get(field));
                }
            }
            if (!m.name().equals(leader)) {
                position(row, "receive_", m.receiveLsn(), clusterLsn);
                position(row, "replay_", m.replayLsn(), clusterLsn);
                position(row, "", m.xlogLocation(), clusterLsn);
            }
            rows.add(row);
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("members", rows);
        if (settings.paused()) {
            body.put("pause", true);
        }
        Failover failover = cluster.failover();
        if (failover != null && failover.scheduledAt() != null && !failover.scheduledAt().isEmpty()) {
            Map<String, Object> scheduled = new LinkedHashMap<>();
            scheduled.put("at", failover.scheduledAt());
            if (failover.leader() != null && !failover.leader().isEmpty()) {
                scheduled.put("from", failover.leader());
            }
            if (failover.member() != null && !failover.member().isEmpty()) {
                scheduled.put("to", failover.member());
            }
            body.put("scheduled_switchover", scheduled);
        }
        body.put("scope", scope);
        return body;
    }

    /** A replica shows how it replicates ({@code streaming}); the leader its own state. */
    private static String state(Member m, String role) {
        String replication = "leader".equals(role) ? null : m.replicationState();
        if (replication != null && !replication.isEmpty()) {
            return replication;
        }
        return m.state() == null ? "" : m.state();
    }

    /** {@code <x>lsn} as {@code X/X} text and {@code <x>lag} in bytes behind the cluster; both "unknown" without a position. */
    private static void position(Map<String, Object> row, String prefix, Long lsn, long clusterLsn) {
        if (lsn == null || lsn == 0) {
            row.put(prefix + "lsn", UNKNOWN);
            row.put(prefix + "lag", UNKNOWN);
            return;
        }
        row.put(prefix + "lag", Math.max(0, clusterLsn - lsn));
        row.put(prefix + "lsn", Lsn.format(lsn));
    }
}
