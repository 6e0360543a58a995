package io.pgha.ha;

/**
 * The agent's memory of timeline-divergence handling (ha-loop.md §12), in Patroni's order: states after
 * {@link #NOT_NEED} mean a pg_rewind was executed.
 */
public enum RewindState {
    INITIAL,
    /** The post-promote CHECKPOINT was confirmed (primary only). */
    CHECKPOINT,
    /** A divergence check is armed and runs the next time a leader can be compared with. */
    CHECK,
    NEED,
    NOT_NEED,
    SUCCESS,
    FAILED;

    /** A check is armed or its answer was "diverged". */
    public boolean isNeeded() {
        return this == CHECK || this == NEED;
    }

    public boolean executed() {
        return compareTo(NOT_NEED) > 0;
    }

    public boolean failed() {
        return this == FAILED;
    }
}
