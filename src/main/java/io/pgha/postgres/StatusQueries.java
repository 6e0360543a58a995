package io.pgha.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The SQL behind {@link LocalPostgresStatus}: a few catalog queries on one connection. */
final class StatusQueries {
    private static final String SERVER = "SELECT pg_catalog.pg_is_in_recovery(),"
            + " pg_catalog.pg_postmaster_start_time(),"
            + " pg_catalog.current_setting('server_version_num')::int,"
            + " CASE WHEN pg_catalog.pg_is_in_recovery() THEN NULL"
            + "  ELSE (pg_catalog.pg_current_wal_flush_lsn() - '0/0'::pg_lsn)::bigint END,"
            + " (pg_catalog.pg_last_wal_receive_lsn() - '0/0'::pg_lsn)::bigint,"
            + " (pg_catalog.pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint,"
            + " pg_catalog.pg_last_xact_replay_timestamp(),"
            + " CASE WHEN pg_catalog.pg_is_in_recovery() THEN pg_catalog.pg_is_wal_replay_paused() END,"
            // a primary's timeline is that of its current WAL file: right even before the post-promote checkpoint
            + " CASE WHEN pg_catalog.pg_is_in_recovery() THEN (pg_catalog.pg_control_checkpoint()).timeline_id"
            + "  ELSE ('x' || pg_catalog.substr(pg_catalog.pg_walfile_name(pg_catalog.pg_current_wal_lsn()), 1, 8))"
            + "::bit(32)::int END,"
            + " (pg_catalog.pg_control_system()).system_identifier";
    private static final String WAL_RECEIVER = "SELECT status, received_tli, slot_name, sender_host, sender_port"
            + " FROM pg_catalog.pg_stat_wal_receiver";
    private static final String REPLICATION = "SELECT usename, application_name, pg_catalog.host(client_addr),"
            + " state, sync_state, sync_priority, (write_lsn - '0/0'::pg_lsn)::bigint,"
            + " (flush_lsn - '0/0'::pg_lsn)::bigint, (replay_lsn - '0/0'::pg_lsn)::bigint"
            + " FROM pg_catalog.pg_stat_replication ORDER BY application_name, pid";
    /**
     * pg_settings flags pending changes after a reload; pg_file_settings has the value waiting. The
     * recovery_target* settings are left out: a promoted replica's configuration drops them, which
     * PostgreSQL flags although they mean nothing to a primary (no restart is due).
     */
    private static final String PENDING = "SELECT s.name, pg_catalog.current_setting(s.name),"
            + " COALESCE((SELECT f.setting FROM pg_catalog.pg_file_settings f WHERE f.name = s.name"
            + "  ORDER BY f.seqno DESC LIMIT 1), s.boot_val)"
            + " FROM pg_catalog.pg_settings s WHERE s.pending_restart AND s.name NOT LIKE 'recovery\\_target%'";
    private static final String SETTINGS = "SELECT name, setting, pg_catalog.current_setting(name)"
            + " FROM pg_catalog.pg_settings WHERE context = 'postmaster'";

    private StatusQueries() {
    }

    /**
     * @param commandLine the guarded values the configuration asks for: a running server with other
     *        values needs a restart, even when PostgreSQL itself has not flagged it (yet)
     */
    static LocalPostgresStatus query(Connection connection, PostmasterPid pid, Map<String, String> commandLine)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            boolean inRecovery;
            Instant started;
            int version;
            Long walPosition;
            Long received;
            Long replayed;
            Instant replayedAt;
            Boolean paused;
            Integer timeline;
            String sysid;
            try (ResultSet rs = statement.executeQuery(SERVER)) {
                rs.next();
                inRecovery = rs.getBoolean(1);
                started = instant(rs, 2);
                version = rs.getInt(3);
                walPosition = longOrNull(rs, 4);
                received = longOrNull(rs, 5);
                replayed = longOrNull(rs, 6);
                replayedAt = instant(rs, 7);
                paused = inRecovery ? rs.getBoolean(8) : null;
                timeline = rs.getInt(9);
                sysid = Long.toUnsignedString(rs.getLong(10));
            }
            WalReceiver receiver = inRecovery ? walReceiver(statement) : null;
            if (receiver != null && receiver.receivedTimeline() > 0) {
                timeline = receiver.receivedTimeline();
            }
            String replicationState = !inRecovery ? null
                    : receiver != null && receiver.streaming() ? "streaming" : "in archive recovery";
            return new LocalPostgresStatus(PostmasterState.RUNNING, pid.pid(), started, version, inRecovery,
                    walPosition, inRecovery ? received : null, inRecovery ? replayed : null, replayedAt, paused,
                    timeline, replicationState, receiver, replication(statement), sysid,
                    pendingRestart(statement, commandLine), null);
        }
    }

    private static WalReceiver walReceiver(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(WAL_RECEIVER)) {
            if (!rs.next()) {
                return null;
            }
            int port = rs.getInt(5);
            return new WalReceiver(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                    rs.wasNull() ? null : port);
        }
    }

    private static List<ReplicationRow> replication(Statement statement) throws SQLException {
        List<ReplicationRow> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(REPLICATION)) {
            while (rs.next()) {
                rows.add(new ReplicationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), longOrNull(rs, 7), longOrNull(rs, 8), longOrNull(rs, 9)));
            }
        }
        return rows;
    }

    static Map<String, PendingChange> pendingRestart(Statement statement, Map<String, String> commandLine)
            throws SQLException {
        Map<String, PendingChange> pending = new TreeMap<>();
        try (ResultSet rs = statement.executeQuery(PENDING)) {
            while (rs.next()) {
                pending.put(rs.getString(1), new PendingChange(rs.getString(2), rs.getString(3)));
            }
        }
        try (ResultSet rs = statement.executeQuery(SETTINGS)) {
            while (rs.next()) {
                String desired = commandLine.get(rs.getString(1));
                if (desired != null && !desired.equals(rs.getString(2)) && !pending.containsKey(rs.getString(1))) {
                    pending.put(rs.getString(1), new PendingChange(rs.getString(3), desired));
                }
            }
        }
        return pending;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
