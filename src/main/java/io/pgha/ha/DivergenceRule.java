package io.pgha.ha;

import java.util.List;

/**
 * The comparison of ha-loop.md §12.2 step 3: given where my WAL ends and the leader's timeline history,
 * has my history diverged from the leader's? The agent gathers the positions (IDENTIFY_SYSTEM,
 * TIMELINE_HISTORY, pg_controldata); this only compares them.
 */
public final class DivergenceRule {
    private DivergenceRule() {
    }

    /** Timeline {@code parentTimeline} ended at {@code switchLsn}: one line of a timeline history file. */
    public record Switch(long parentTimeline, long switchLsn) {
    }

    /**
     * @param myTimeline     my current (or last) timeline
     * @param myLsn          replica: replay position; stopped primary: latest checkpoint location
     * @param inRecovery     I am (or was, when stopped) a replica
     * @param checkpointEnd  stopped primary: where my last checkpoint record ends; null when unknown
     * @param leaderTimeline the leader's current timeline (IDENTIFY_SYSTEM)
     * @param leaderHistory  the leader's history of {@code leaderTimeline}; unused unless I am behind it
     */
    public static Divergence compare(long myTimeline, long myLsn, boolean inRecovery, Long checkpointEnd,
                                     long leaderTimeline, List<Switch> leaderHistory) {
        if (myTimeline > leaderTimeline) {
            return Divergence.NEED;
        }
        if (myTimeline == leaderTimeline || leaderTimeline <= 1) {
            return Divergence.NOT_NEED;
        }
        for (Switch entry : leaderHistory) {
            if (entry.parentTimeline() == myTimeline) {
                if (inRecovery) {
                    return myLsn > entry.switchLsn() ? Divergence.NEED : Divergence.NOT_NEED;
                }
                if (myLsn >= entry.switchLsn()) {
                    return Divergence.NEED;
                }
                // a cleanly stopped primary is not diverged when the new timeline starts right after its
                // shutdown checkpoint; when that end is unknown, pg_rewind finds out (and does nothing)
                return checkpointEnd != null && checkpointEnd == entry.switchLsn()
                        ? Divergence.NOT_NEED : Divergence.NEED;
            }
            if (entry.parentTimeline() > myTimeline) {
                return Divergence.NEED;
            }
        }
        return Divergence.NEED;
    }
}
