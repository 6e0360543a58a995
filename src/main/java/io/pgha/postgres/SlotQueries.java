package io.pgha.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The SQL behind {@link ReplicationSlots}: list, create, drop, advance; reading a primary's slot state files. */
final class SlotQueries {
    private static final String LIST = "SELECT slot_name, slot_type, plugin, database, active,"
            + " (restart_lsn - '0/0'::pg_lsn)::bigint, (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint,"
            + " xmin::text, catalog_xmin::text, wal_status, temporary FROM pg_catalog.pg_replication_slots ORDER BY slot_name";

    private SlotQueries() {
    }

    static List<ReplicationSlot> list(Connection connection) throws SQLException {
        List<ReplicationSlot> slots = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(LIST)) {
            while (rs.next()) {
                long restart = rs.getLong(6);
                Long restartLsn = rs.wasNull() ? null : restart;
                long confirmed = rs.getLong(7);
                Long confirmedLsn = rs.wasNull() ? null : confirmed;
                slots.add(new ReplicationSlot(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), restartLsn, confirmedLsn, rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getBoolean(11)));
            }
        }
        return slots;
    }

    /** Creates a physical slot reserving WAL from now on; false when it already existed. */
    static boolean createPhysical(Connection connection, String name) throws SQLException {
        requireValid(name);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.pg_create_physical_replication_slot(?, true)"
                        + " WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_name = ?)")) {
            statement.setString(1, name);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Drops a slot; false when it did not exist. An active slot's walsender is terminated first. */
    static boolean drop(Connection connection, String name) throws SQLException {
        try (PreparedStatement terminate = connection.prepareStatement(
                "SELECT pg_catalog.pg_terminate_backend(active_pid, 5000) FROM pg_catalog.pg_replication_slots"
                        + " WHERE slot_name = ? AND active_pid IS NOT NULL")) {
            terminate.setString(1, name);
            terminate.executeQuery().close();
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.pg_drop_replication_slot(slot_name) FROM pg_catalog.pg_replication_slots"
                        + " WHERE slot_name = ?")) {
            statement.setString(1, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Moves a physical slot's restart_lsn forward to {@code lsn} (never past the server's position). */
    static void advance(Connection connection, String name, long lsn) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.pg_replication_slot_advance(?, ?::pg_lsn)")) {
            statement.setString(1, name);
            statement.setString(2, Lsn.format(lsn));
            statement.executeQuery().close();
        }
    }

    /** Creates a logical slot in the connection's database; false when a logical slot of that name existed. */
    static boolean createLogical(Connection connection, String name, String plugin) throws SQLException {
        requireValid(name);
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_catalog.pg_create_logical_replication_slot(?, ?) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM pg_catalog.pg_replication_slots WHERE slot_type = 'logical' AND slot_name = ?)")) {
            statement.setString(1, name);
            statement.setString(2, plugin);
            statement.setString(3, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The named logical slots of a primary with their on-disk state files (empty on a replica). */
    static List<SlotState> readStates(Connection connection, List<String> names) throws SQLException {
        List<SlotState> states = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT slot_name, slot_type, datname, plugin, (confirmed_flush_lsn - '0/0'::pg_lsn)::bigint,"
                        + " pg_catalog.pg_read_binary_file('pg_replslot/' || slot_name || '/state')"
                        + " FROM pg_catalog.pg_get_replication_slots() JOIN pg_catalog.pg_database ON datoid = oid"
                        + " WHERE NOT pg_catalog.pg_is_in_recovery() AND slot_name = ANY(?)")) {
            statement.setArray(1, connection.createArrayOf("text", names.toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long confirmed = rs.getLong(5);
                    states.add(new SlotState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.wasNull() ? null : confirmed, rs.getBytes(6)));
                }
            }
        }
        return states;
    }

    static void requireValid(String name) {
        if (!SlotNames.isValid(name)) {
            throw new IllegalArgumentException("invalid replication slot name '" + name
                    + "': only lowercase letters, digits and _ (at most 63)");
        }
    }
}
