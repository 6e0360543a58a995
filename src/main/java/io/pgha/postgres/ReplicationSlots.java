package io.pgha.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The replication slots of the local server (list, create, drop, advance) and the copy of a primary's
 * logical slots into this one's pg_replslot. Reached through {@link Postgres#replicationSlots()}.
 */
public final class ReplicationSlots {
    private final PostgresSettings settings;
    private final Connector connector;
    private final PostgresProcess process;

    ReplicationSlots(PostgresSettings settings, Connector connector, PostgresProcess process) {
        this.settings = settings;
        this.connector = connector;
        this.process = process;
    }

    public List<ReplicationSlot> list() {
        return connector.onLocal("listing replication slots failed", SlotQueries::list);
    }

    /** The physical slot {@code memberName} streams through (§16.1 name); false if it existed. */
    public boolean createForMember(String memberName) {
        return createPhysical(SlotNames.forMember(memberName));
    }

    public boolean createPhysical(String slotName) {
        SlotQueries.requireValid(slotName);
        return connector.onLocal("creating replication slot " + slotName + " failed",
                c -> SlotQueries.createPhysical(c, slotName));
    }

    /** Drops a slot, terminating its walsender if active; false if it did not exist. */
    public boolean drop(String slotName) {
        return connector.onLocal("dropping replication slot " + slotName + " failed", c -> SlotQueries.drop(c, slotName));
    }

    public void advance(String slotName, long lsn) {
        connector.onLocal("advancing replication slot " + slotName + " to " + Lsn.format(lsn) + " failed", c -> {
            SlotQueries.advance(c, slotName, lsn);
            return null;
        });
    }

    /** A logical slot in {@code database} decoding with {@code plugin}; false if it existed. */
    public boolean createLogical(String slotName, String database, String plugin) {
        SlotQueries.requireValid(slotName);
        try (Connection connection = connector.local(database)) {
            return SlotQueries.createLogical(connection, slotName, plugin);
        } catch (SQLException e) {
            throw connector.failure("creating logical replication slot " + slotName + " (plugin " + plugin
                    + ", database " + database + ") failed", e);
        }
    }

    /**
     * Moves a logical slot of {@code database} forward to {@code lsn} (a replica stops at its replay
     * position). False when the WAL the slot needs is gone here (SQLSTATE 58P01): the slot must be copied again.
     */
    public boolean advanceLogical(String slotName, String database, long lsn) {
        try (Connection connection = connector.local(database)) {
            SlotQueries.advance(connection, slotName, lsn);
            return true;
        } catch (SQLException e) {
            if ("58P01".equals(e.getSQLState())) {
                return false;
            }
            throw connector.failure("advancing logical replication slot " + slotName + " to " + Lsn.format(lsn)
                    + " failed", e);
        }
    }

    /**
     * The named logical slots of the primary {@code source} with their state files, read as the rewind user
     * (or the superuser): pg_read_binary_file needs those rights.
     */
    public List<SlotState> readStates(Upstream source, List<String> slotNames) {
        try (Connection connection = connector.upstream(source, settings.authentication().rewindOrSuperuser())) {
            return SlotQueries.readStates(connection, slotNames);
        } catch (SQLException e) {
            throw connector.failure("reading logical slots from " + source + " failed", e);
        }
    }

    /**
     * Puts copied slot state files into pg_replslot of the stopped server, each directory written aside,
     * synced and renamed into place, so PostgreSQL finds the slots when it starts.
     */
    public void installStates(List<SlotState> states) {
        if (process.isRunning()) {
            throw new PostgresException("cannot install replication slots while PostgreSQL runs");
        }
        SlotFiles.install(settings.dataDir().resolve("pg_replslot"), states);
    }
}
