package io.pgha.ha;

/** Outcome of comparing my timeline/LSN with the leader's timeline history (ha-loop.md §12.2). */
public enum Divergence {
    /** My history diverged from the leader's: pg_rewind or re-initialisation is needed. */
    NEED,
    NOT_NEED,
    /** The check could not be made (no local timeline/LSN, leader not a primary, connection failed). */
    UNKNOWN
}
