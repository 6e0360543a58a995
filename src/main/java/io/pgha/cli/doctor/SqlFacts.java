package io.pgha.cli.doctor;

import java.util.List;

/**
 * What one member's PostgreSQL said over SQL, or why it could not be asked. Null fields were not read.
 *
 * @param walPosition pg_current_wal_lsn() on a primary, else the newest of received and replayed
 * @param walBytes the size of pg_wal (pg_ls_waldir)
 * @param receiverStatus pg_stat_wal_receiver.status on a replica, null when no receiver runs
 */
public record SqlFacts(String member, String error, Boolean inRecovery, Long serverVersion, Long walPosition,
                       Long walBytes, String receiverStatus, List<Slot> slots) {

    public SqlFacts {
        slots = slots == null ? List.of() : List.copyOf(slots);
    }

    public static SqlFacts failed(String member, String error) {
        return new SqlFacts(member, error, null, null, null, null, null, List.of());
    }

    public boolean answered() {
        return error == null;
    }

    /** One replication slot and the WAL it holds back (null when it reserves none). */
    public record Slot(String name, String type, boolean active, Long retainedBytes) {
    }
}
