package io.pgha.postgres;

/**
 * A row of pg_replication_slots. Positions are bytes (null when unset); {@code walStatus} is
 * {@code reserved}, {@code extended}, {@code unreserved} or {@code lost} (PG 13+). A temporary slot (pg_basebackup's)
 * lives only as long as the session that made it.
 */
public record ReplicationSlot(String name, String type, String plugin, String database, boolean active,
        Long restartLsn, Long confirmedFlushLsn, String xmin, String catalogXmin, String walStatus, boolean temporary) {
    public boolean isPhysical() {
        return "physical".equals(type);
    }
}
