package io.pgha.ha;

/** Outcome of a DCS write the decision depends on (leader update/acquire, initialize race). */
public enum LockResult {
    SUCCEEDED,
    /** The compare failed: someone else holds the key, or it vanished. */
    FAILED,
    /** The DCS could not be reached within {@code retry_timeout}; the cycle takes the DCS-error path. */
    DCS_ERROR
}
