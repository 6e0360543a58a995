package io.pgha.postgres;

/** How a start ended within its time limit; a postmaster that died is an exception instead. */
public enum StartOutcome {
    /** Accepting connections (read-only ones for a replica). */
    READY,
    /** Still starting (crash recovery, catching up) when the time limit passed; left running. */
    STILL_STARTING
}
