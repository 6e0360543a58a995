package io.pgha.ha;

import java.time.Instant;

/**
 * The long task the agent runs in its single background slot (ha-loop.md §1), if any.
 * {@code name} is the status string Patroni shows (for example {@code running pg_rewind from node1});
 * {@code critical} means the task passed the point where losing the lock can no longer cancel it
 * (a promote whose pre_promote step has completed).
 */
public record AsyncTask(String name, Kind kind, Instant since, boolean critical) {

    public AsyncTask {
        if (name == null || kind == null) {
            throw new IllegalArgumentException("an async task needs a name and a kind");
        }
    }

    public static AsyncTask of(Kind kind, String name, Instant since) {
        return new AsyncTask(name, kind, since, false);
    }

    /** What the task does; decisions depend on a few of them. */
    public enum Kind {
        BOOTSTRAP,
        POST_BOOTSTRAP,
        CLONE,
        PROMOTE,
        /** A REST or scheduled restart. */
        RESTART,
        /** {@code starting primary after failure}. */
        START_PRIMARY_AFTER_FAILURE,
        /** {@code restarting after failure} (start read-only). */
        START_AFTER_FAILURE,
        /** {@code doing crash recovery in a single user mode}. */
        CRASH_RECOVERY,
        REWIND,
        REINITIALIZE,
        /** A graceful demotion for a switchover or manual failover. */
        DEMOTE,
        STARTING_AFTER_DEMOTION,
        CHANGING_PRIMARY_CONNINFO,
        OTHER
    }
}
