package io.pgha.postgres;

/**
 * A row of pg_replication_slots. Positions are bytes (null when unset); {@code walStatus} is
 * {@code reserved}, {@code extended}, {@code unreserved} or {@code lost} (PG 13+).
 */
public record ReplicationSlot(String name, String type, String plugin, String database, boolean active,
        Long restartLsn, Long confirmedFlushLsn, String xmin, String catalogXmin, String walStatus) {
    public boolean isPhysical() {
        return "physical".equals(type);
    }
}
