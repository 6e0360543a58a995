package io.pgha.api;

import io.pgha.ha.PostgresState;
import io.pgha.postgres.LocalPostgresStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /metrics}: Prometheus text with Patroni 4.1.4's metric names, HELP and TYPE lines and
 * labels {@code {scope="..",name=".."}} (rest-api.md §5.2), computed from the status document as
 * Patroni does. Not written: {@code patroni_master} (gone since 4.0) and the master-only
 * {@code patroni_failsafe_mode_enabled}, {@code patroni_failsafe_member}, {@code patroni_failover_priority}.
 */
final class Metrics {
    /** Patroni's enum names, lower-cased, in index order (keyspace.md §3.1). */
    private static final String STATE_VALUES = "# Values: 0=initdb, 1=initdb_failed, 2=custom_bootstrap, "
            + "3=custom_bootstrap_failed, 4=creating_replica, 5=running, 6=starting, 7=bootstrap_starting, "
            + "8=start_failed, 9=restarting, 10=restart_failed, 11=stopping, 12=stopped, 13=stop_failed, 14=crashed";

    private final StringBuilder out = new StringBuilder();
    private final String labels;

    private Metrics(String labels) {
        this.labels = labels;
    }

    static String of(StatusDocument doc, NodeView view) {
        NodeState node = view.node();
        Metrics m = new Metrics("{scope=\"" + node.scope() + "\",name=\"" + node.name() + "\"}");
        String role = doc.role();
        LocalPostgresStatus pg = node.postgres();
        m.gauge("patroni_version", "Patroni semver without periods.", paddedVersion(node.agentVersion()));
        m.gauge("patroni_postgres_running", "Value is 1 if Postgres is running, 0 otherwise.", bit(doc.isRunning()));
        m.gauge("patroni_postmaster_start_time", "Epoch seconds since Postgres started.",
                epoch(doc.get("postmaster_start_time") == null ? null : pg.postmasterStartTime()));
        m.gauge("patroni_primary", "Value is 1 if this node is the leader, 0 otherwise.", bit("primary".equals(role)));
        m.counter("patroni_xlog_location",
                "Current location of the Postgres transaction log, 0 if this node is not the leader.",
                Long.toString(doc.xlog("location")));
        m.gauge("patroni_standby_leader", "Value is 1 if this node is the standby_leader, 0 otherwise.",
                bit("standby_leader".equals(role)));
        m.gauge("patroni_replica", "Value is 1 if this node is a replica, 0 otherwise.", bit("replica".equals(role)));
        m.gauge("patroni_sync_standby", "Value is 1 if this node is a sync standby, 0 otherwise.",
                bit(doc.flag("sync_standby")));
        m.gauge("patroni_quorum_standby", "Value is 1 if this node is a quorum standby, 0 otherwise.",
                bit(doc.flag("quorum_standby")));
        m.counter("patroni_xlog_received_location",
                "Current location of the received Postgres transaction log, 0 if this node is not a replica.",
                Long.toString(doc.xlog("received_location")));
        m.counter("patroni_xlog_replayed_location",
                "Current location of the replayed Postgres transaction log, 0 if this node is not a replica.",
                Long.toString(doc.xlog("replayed_location")));
        Map<?, ?> xlog = doc.get("xlog") instanceof Map<?, ?> map ? map : Map.of();
        m.gauge("patroni_xlog_replayed_timestamp",
                "Current timestamp of the replayed Postgres transaction log, 0 if null.",
                epoch(xlog.get("replayed_timestamp") == null ? null : pg.replayedTimestamp()));
        boolean paused = Boolean.TRUE.equals(xlog.get("paused"));
        m.gauge("patroni_xlog_paused", "Value is 1 if the Postgres xlog is paused, 0 otherwise.", bit(paused));
        long serverVersion = doc.get("server_version") instanceof Number n ? n.longValue() : 0;
        if (serverVersion >= 90600) {
            Object replication = doc.get("replication_state");
            m.gauge("patroni_postgres_streaming", "Value is 1 if Postgres is streaming, 0 otherwise.",
                    bit("streaming".equals(replication)));
            m.gauge("patroni_postgres_in_archive_recovery",
                    "Value is 1 if Postgres is replicating from archive, 0 otherwise.",
                    bit("in archive recovery".equals(replication)));
        }
        m.gauge("patroni_postgres_server_version", "Version of Postgres (if running), 0 otherwise.",
                Long.toString(serverVersion));
        m.gauge("patroni_cluster_unlocked", "Value is 1 if the cluster is unlocked, 0 if locked.",
                bit(doc.flag("cluster_unlocked")));
        m.gauge("patroni_failsafe_mode_is_active", "Value is 1 if failsafe mode is active, 0 if inactive.",
                bit(doc.flag("failsafe_mode_is_active")));
        long timeline = doc.get("timeline") instanceof Number n ? n.longValue() : 0;
        m.gauge("patroni_postgres_timeline", "Postgres timeline of this node (if running), 0 otherwise.",
                Long.toString(timeline));
        m.gauge("patroni_dcs_last_seen", "Epoch timestamp when DCS was last contacted successfully by Patroni.",
                Long.toString(view.dcsLastSeenEpoch()));
        m.gauge("patroni_pending_restart", "Value is 1 if the node needs a restart, 0 otherwise.",
                bit(doc.flag("pending_restart")));
        m.gauge("patroni_is_paused", "Value is 1 if auto failover is disabled, 0 otherwise.", bit(doc.flag("pause")));
        m.help("patroni_postgres_state", "Numeric representation of Postgres state.");
        m.out.append(STATE_VALUES).append('\n');
        m.sample("patroni_postgres_state", "gauge", Integer.toString(stateIndex(doc.state())));
        return m.out.toString();
    }

    private void gauge(String name, String help, String value) {
        help(name, help);
        sample(name, "gauge", value);
    }

    private void counter(String name, String help, String value) {
        help(name, help);
        sample(name, "counter", value);
    }

    private void help(String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    private void sample(String name, String type, String value) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    /** {@code 4.1.4} → {@code 040104}: every dot-separated part zero-padded to two characters. */
    static String paddedVersion(String version) {
        return Arrays.stream(version.split("\\.", -1))
                .map(part -> part.length() >= 2 ? part : "0".repeat(2 - part.length()) + part)
                .collect(Collectors.joining());
    }

    private static String bit(boolean value) {
        return value ? "1" : "0";
    }

    /** A timestamp the status document shows, as epoch seconds (a float); 0 when it shows none. */
    private static String epoch(Instant instant) {
        return instant == null ? "0" : io.pgha.text.PyText.floatRepr(PyTime.epochSeconds(instant));
    }

    private static int stateIndex(String state) {
        for (PostgresState s : PostgresState.values()) {
            if (s.patroniName().equals(state)) {
                return s.ordinal();
            }
        }
        return -1;
    }
}
