package io.pgha.dcs;

/**
 * One entry of the {@code history} key: the timeline that ended, the LSN where it ended, the reason,
 * and (newer entries only; null otherwise) the timestamp and the new leader.
 */
public record HistoryEntry(long timeline, long lsn, String reason, String timestamp, String newLeader) {
}
