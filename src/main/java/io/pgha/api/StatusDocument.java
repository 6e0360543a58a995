package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.ha.PostgresState;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PendingChange;
import io.pgha.postgres.ReplicationRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code GET /patroni} and of every health check (rest-api.md §4), fields in Patroni
 * 4.1's order. We write 4.x naming: {@code role: primary} where 3.0.2 wrote {@code master}; 3.0.2
 * peers and patronictl tell a primary by {@code xlog.location}, never by this role, so they read it alike.
 */
final class StatusDocument {
    private static final String UNKNOWN = "unknown";

    private final Map<String, Object> body;

    private StatusDocument(Map<String, Object> body) {
        this.body = Collections.unmodifiableMap(body);
    }

    static StatusDocument of(NodeView view) {
        NodeState node = view.node();
        Map<String, Object> body = new LinkedHashMap<>();
        LocalPostgresStatus pg = node.postgres();
        Optional<Cluster> current = view.currentCluster();
        if (isQueryable(node)) {
            running(body, view, pg, current);
        } else {
            PostgresState state = node.postgresState();
            body.put("state", state == PostgresState.RUNNING ? UNKNOWN : state.patroniName());
            body.put("role", node.role());
        }
        if (view.settings().paused()) {
            body.put("pause", true);
        }
        if (current.isEmpty() || current.get().isUnlocked()) {
            body.put("cluster_unlocked", true);
        }
        if (node.failsafeActive()) {
            body.put("failsafe_mode_is_active", true);
        }
        body.put("dcs_last_seen", view.dcsLastSeenEpoch());
        if (!node.tags().isEmpty()) {
            body.put("tags", node.tags());
        }
        if (pg != null && pg.systemIdentifier() != null) {
            body.put("database_system_identifier", pg.systemIdentifier());
        }
        if (pg != null && pg.isPendingRestart()) {
            body.put("pending_restart", true);
            body.put("pending_restart_reason", pendingRestartReason(pg.pendingRestart()));
        }
        Map<String, Object> patroni = new LinkedHashMap<>();
        patroni.put("version", node.agentVersion());
        patroni.put("scope", node.scope());
        patroni.put("name", node.name());
        body.put("patroni", patroni);
        if (node.scheduledRestart() != null) {
            Map<String, Object> restart = new LinkedHashMap<>(node.scheduledRestart());
            restart.remove("postmaster_start_time");
            body.put("scheduled_restart", restart);
        }
        if (node.watchdogFailed()) {
            body.put("watchdog_failed", true);
        }
        return new StatusDocument(body);
    }

    /** Patroni queries PostgreSQL only in these states; a failed query reduces the document. */
    private static boolean isQueryable(NodeState node) {
        LocalPostgresStatus pg = node.postgres();
        PostgresState state = node.postgresState();
        return pg != null && pg.isRunning() && pg.inRecovery() != null
                && (state == PostgresState.RUNNING || state == PostgresState.STARTING || state == PostgresState.RESTARTING);
    }

    private static void running(Map<String, Object> body, NodeView view, LocalPostgresStatus pg, Optional<Cluster> current) {
        NodeState node = view.node();
        boolean replica = pg.inRecovery();
        body.put("state", node.postgresState().patroniName());
        body.put("postmaster_start_time", pg.postmasterStartTime() == null ? null : PyTime.text(pg.postmasterStartTime()));
        String role = replica ? "replica" : "primary";
        if (replica && view.settings().standbyCluster()) {
            role = node.role();
        }
        body.put("role", role);
        body.put("server_version", pg.serverVersion());
        Map<String, Object> xlog = new LinkedHashMap<>();
        if (replica) {
            xlog.put("received_location", pg.receivedLsn() != null && pg.receivedLsn() != 0 ? pg.receivedLsn() : pg.replayedLsn());
            xlog.put("replayed_location", pg.replayedLsn());
            xlog.put("replayed_timestamp", pg.replayedTimestamp() == null ? null : PyTime.text(pg.replayedTimestamp()));
            xlog.put("paused", Boolean.TRUE.equals(pg.replayPaused()));
        } else {
            xlog.put("location", pg.walPosition());
        }
        body.put("xlog", xlog);
        if ("replica".equals(role) && view.synchronousMode() && current.isPresent()
                && current.get().sync().isSyncStandby(node.name())) {
            body.put(view.settings().quorumMode() ? "quorum_standby" : "sync_standby", true);
        }
        body.put("timeline", pg.timeline());
        if (replica && pg.replicationState() != null) {
            body.put("replication_state", pg.replicationState());
        }
        if (!pg.replication().isEmpty()) {
            List<Object> rows = new ArrayList<>();
            for (ReplicationRow row : pg.replication()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("usename", row.usename());
                r.put("application_name", row.applicationName());
                r.put("client_addr", row.clientAddr());
                r.put("state", row.state());
                r.put("sync_state", row.syncState());
                r.put("sync_priority", row.syncPriority());
                rows.add(r);
            }
            body.put("replication", rows);
        }
    }

    private static Map<String, Object> pendingRestartReason(Map<String, PendingChange> changes) {
        Map<String, Object> reason = new LinkedHashMap<>();
        changes.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("old_value", e.getValue().oldValue());
            values.put("new_value", e.getValue().newValue());
            reason.put(e.getKey(), values);
        });
        return reason;
    }

    Map<String, Object> body() {
        return body;
    }

    String state() {
        return (String) body.get("state");
    }

    String role() {
        return (String) body.get("role");
    }

    boolean isRunning() {
        return PostgresState.RUNNING.patroniName().equals(state());
    }

    boolean flag(String name) {
        return Boolean.TRUE.equals(body.get(name));
    }

    /** A location from the {@code xlog} object; 0 when absent, as Patroni reads it. */
    long xlog(String field) {
        if (body.get("xlog") instanceof Map<?, ?> xlog && xlog.get(field) instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }

    Object get(String field) {
        return body.get(field);
    }
}
