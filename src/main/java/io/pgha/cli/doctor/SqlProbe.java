package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Reads one member's facts over JDBC, within a connect and statement timeout. */
final class SqlProbe {
    private static final String STATE = "SELECT pg_catalog.pg_is_in_recovery(), "
            + "pg_catalog.current_setting('server_version_num')::bigint, "
            + "pg_catalog.pg_wal_lsn_diff(CASE WHEN pg_catalog.pg_is_in_recovery() THEN greatest("
            + "pg_catalog.pg_last_wal_receive_lsn(), pg_catalog.pg_last_wal_replay_lsn()) "
            + "ELSE pg_catalog.pg_current_wal_lsn() END, '0/0')::bigint";
    private static final String WAL = "SELECT coalesce(sum(size), 0)::bigint FROM pg_catalog.pg_ls_waldir()";
    private static final String RECEIVER = "SELECT status FROM pg_catalog.pg_stat_wal_receiver";
    private static final String SLOTS = "SELECT slot_name, slot_type, active, pg_catalog.pg_wal_lsn_diff(CASE WHEN "
            + "pg_catalog.pg_is_in_recovery() THEN pg_catalog.pg_last_wal_receive_lsn() ELSE pg_catalog.pg_current_wal_lsn() "
            + "END, restart_lsn)::bigint FROM pg_catalog.pg_replication_slots ORDER BY slot_name";

    /** Who connects; the password is never printed. */
    record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }

    private final Login login;
    private final Duration timeout;

    SqlProbe(Login login, Duration timeout) {
        this.login = login;
        this.timeout = timeout;
    }

    SqlFacts read(Member member) {
        var address = member.postgresAddress();
        if (address.isEmpty()) {
            return SqlFacts.failed(member.name(), "no conn_url");
        }
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        if (login.password() != null) {
            properties.setProperty("password", login.password());
        }
        long seconds = Math.max(1, timeout.toSeconds());
        properties.setProperty("ApplicationName", "pgha doctor");
        properties.setProperty("connectTimeout", String.valueOf(seconds));
        properties.setProperty("socketTimeout", String.valueOf(seconds * 2));
        properties.setProperty("loginTimeout", String.valueOf(seconds));
        properties.setProperty("options", "-c statement_timeout=" + seconds * 1000);
        String host = address.get().host().contains(":") ? "[" + address.get().host() + "]" : address.get().host();
        String url = "jdbc:postgresql://" + host + ":" + address.get().port() + "/" + database(member);
        try (Connection connection = new org.postgresql.Driver().connect(url, properties);
             Statement statement = connection.createStatement()) {
            boolean inRecovery;
            long version;
            long position;
            try (ResultSet rs = statement.executeQuery(STATE)) {
                rs.next();
                inRecovery = rs.getBoolean(1);
                version = rs.getLong(2);
                position = rs.getLong(3);
            }
            Long wal = optional(statement, WAL);
            String receiver = null;
            if (inRecovery) {
                try (ResultSet rs = statement.executeQuery(RECEIVER)) {
                    receiver = rs.next() ? rs.getString(1) : null;
                }
            }
            List<SqlFacts.Slot> slots = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(SLOTS)) {
                while (rs.next()) {
                    long retained = rs.getLong(4);
                    slots.add(new SqlFacts.Slot(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                            rs.wasNull() ? null : retained));
                }
            }
            return new SqlFacts(member.name(), null, inRecovery, version, position, wal, receiver, slots);
        } catch (SQLException e) {
            return SqlFacts.failed(member.name(), oneLine(e.getMessage()));
        }
    }

    /** pg_ls_waldir needs superuser or pg_monitor; without it the size is simply not known. */
    private static Long optional(Statement statement, String sql) {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    private static String database(Member member) {
        try {
            String path = java.net.URI.create(member.connUrl()).getPath();
            return path == null || path.length() <= 1 ? "postgres" : path.substring(1);
        } catch (IllegalArgumentException e) {
            return "postgres";
        }
    }

    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("\\s+", " ").trim();
    }
}
