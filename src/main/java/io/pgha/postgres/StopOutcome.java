package io.pgha.postgres;

/** How a stop ended; a postmaster still running after the time limit is an exception instead. */
public enum StopOutcome {
    STOPPED,
    /** Nothing was running. */
    ALREADY_STOPPED,
    /** The stop took too long: an immediate shutdown ended it (primary_stop_timeout). */
    ABORTED,
    /** Even the immediate shutdown took too long: the postmaster and its children were killed. */
    KILLED
}
