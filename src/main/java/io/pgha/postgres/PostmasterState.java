package io.pgha.postgres;

/** Whether a postmaster runs on the data directory and what its lock file says it is doing. */
public enum PostmasterState {
    STOPPED,
    STARTING,
    RUNNING,
    STOPPING,
    /** The postmaster runs but the status queries failed (see the status' error). */
    UNKNOWN
}
