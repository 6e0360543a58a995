package io.pgha.postgres;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One consistent look at the local PostgreSQL, for the member key and the REST status document
 * (rest-api.md §4). Nullable fields are unknown or not applicable: a primary has {@code walPosition},
 * a replica {@code receivedLsn}/{@code replayedLsn}; everything but {@code state} and {@code error}
 * is null or empty when the postmaster is not running.
 *
 * @param walPosition primary: pg_current_wal_flush_lsn() in bytes
 * @param timeline primary: from its current WAL file name; replica: the WAL receiver's, else pg_control's
 * @param replicationState replica: {@code streaming} or {@code in archive recovery}
 * @param pendingRestart parameters waiting for a restart; empty when none
 * @param error why the status could not be read (state UNKNOWN), else null
 */
public record LocalPostgresStatus(
        PostmasterState state,
        Long postmasterPid,
        Instant postmasterStartTime,
        Integer serverVersion,
        Boolean inRecovery,
        Long walPosition,
        Long receivedLsn,
        Long replayedLsn,
        Instant replayedTimestamp,
        Boolean replayPaused,
        Integer timeline,
        String replicationState,
        WalReceiver walReceiver,
        List<ReplicationRow> replication,
        String systemIdentifier,
        Map<String, PendingChange> pendingRestart,
        String error) {

    private static final DateTimeFormatter PATRONI_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    public LocalPostgresStatus {
        replication = replication == null ? List.of() : List.copyOf(replication);
        pendingRestart = pendingRestart == null ? Map.of() : Map.copyOf(pendingRestart);
    }

    static LocalPostgresStatus notRunning(PostmasterState state, Long pid, String error) {
        return new LocalPostgresStatus(state, pid, null, null, null, null, null, null, null, null, null, null,
                null, List.of(), null, Map.of(), error);
    }

    public boolean isRunning() {
        return state == PostmasterState.RUNNING;
    }

    /** {@code primary} when out of recovery, {@code replica} in recovery, null when unknown. */
    public String role() {
        return inRecovery == null ? null : inRecovery ? "replica" : "primary";
    }

    /** The member key's xlog_location: a primary's position, a replica's max(received, replayed). */
    public Long xlogLocation() {
        if (Boolean.FALSE.equals(inRecovery)) {
            return walPosition;
        }
        if (receivedLsn == null) {
            return replayedLsn;
        }
        return replayedLsn == null ? receivedLsn : Math.max(receivedLsn, replayedLsn);
    }

    public boolean isPendingRestart() {
        return !pendingRestart.isEmpty();
    }

    /** Patroni's timestamp text, {@code 2026-11-25 21:59:09.292541+00:00}. */
    public static String formatTime(Instant instant) {
        return instant == null ? null : PATRONI_TIME.format(instant);
    }
}
