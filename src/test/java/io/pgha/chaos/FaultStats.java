package io.pgha.chaos;

/** What the faults of one kind did, summed over the run. */
record FaultStats(int injected, long longestWriteGapMillis, long longestHealMillis, int splitBrainInstants,
                  long lostWrites, int twoPrimariesVisible, int twoRestPrimaries) {
    static final FaultStats NONE = new FaultStats(0, 0, 0, 0, 0, 0, 0);

    FaultStats plus(FaultStats other) {
        return new FaultStats(injected + other.injected, Math.max(longestWriteGapMillis, other.longestWriteGapMillis),
                Math.max(longestHealMillis, other.longestHealMillis), splitBrainInstants + other.splitBrainInstants,
                lostWrites + other.lostWrites, twoPrimariesVisible + other.twoPrimariesVisible,
                twoRestPrimaries + other.twoRestPrimaries);
    }
}
