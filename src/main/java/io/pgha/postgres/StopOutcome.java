package io.pgha.postgres;

/** How a stop ended; a postmaster still running after the time limit is an exception instead. */
public enum StopOutcome {
    STOPPED,
    /** Nothing was running. */
    ALREADY_STOPPED
}
