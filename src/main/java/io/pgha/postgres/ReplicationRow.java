package io.pgha.postgres;

/**
 * A standby streaming from this server (pg_stat_replication), with the fields of the REST status
 * document's {@code replication} array plus its positions in bytes (null when not reported).
 */
public record ReplicationRow(String usename, String applicationName, String clientAddr, String state,
        String syncState, int syncPriority, Long writeLsn, Long flushLsn, Long replayLsn) {
}
