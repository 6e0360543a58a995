package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.ha.DivergenceRule.Switch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ha-loop.md §12.2: when a member has to be rewound before it can follow the leader. */
class DivergenceRuleTest {
    private static final long SWITCH = 0x3000000L;
    private static final List<Switch> PROMOTED_ON_TL2 = List.of(new Switch(1, SWITCH));

    @Test
    void sameTimelineAsTheLeaderNeverNeedsARewind() {
        assertEquals(Divergence.NOT_NEED, DivergenceRule.compare(2, SWITCH * 5, true, null, 2, PROMOTED_ON_TL2));
    }

    @Test
    void aTimelineAheadOfTheLeaderNeedsARewind() {
        assertEquals(Divergence.NEED, DivergenceRule.compare(3, 100, true, null, 2, PROMOTED_ON_TL2));
    }

    @Test
    void aReplicaThatReplayedPastTheSwitchPointDiverged() {
        assertEquals(Divergence.NEED, DivergenceRule.compare(1, SWITCH + 8, true, null, 2, PROMOTED_ON_TL2));
    }

    @Test
    void aReplicaBehindTheSwitchPointJustFollowsTheNewTimeline() {
        assertEquals(Divergence.NOT_NEED, DivergenceRule.compare(1, SWITCH, true, null, 2, PROMOTED_ON_TL2));
        assertEquals(Divergence.NOT_NEED, DivergenceRule.compare(1, SWITCH - 100, true, null, 2, PROMOTED_ON_TL2));
    }

    @Test
    void aCrashedPrimaryThatWroteBeyondTheSwitchPointDiverged() {
        assertEquals(Divergence.NEED, DivergenceRule.compare(1, SWITCH, false, null, 2, PROMOTED_ON_TL2));
    }

    @Test
    void aCleanlyStoppedPrimaryWhoseShutdownCheckpointEndsAtTheSwitchDidNotDiverge() {
        assertEquals(Divergence.NOT_NEED, DivergenceRule.compare(1, SWITCH - 104, false, SWITCH, 2, PROMOTED_ON_TL2));
    }

    @Test
    void aStoppedPrimaryWithUnknownCheckpointEndIsRewoundToBeSafe() {
        assertEquals(Divergence.NEED, DivergenceRule.compare(1, SWITCH - 104, false, null, 2, PROMOTED_ON_TL2));
        assertEquals(Divergence.NEED, DivergenceRule.compare(1, SWITCH - 104, false, SWITCH - 8, 2, PROMOTED_ON_TL2));
    }

    @Test
    void aTimelineMissingFromTheLeadersHistoryDiverged() {
        List<Switch> history = List.of(new Switch(1, SWITCH), new Switch(3, SWITCH * 2));
        assertEquals(Divergence.NEED, DivergenceRule.compare(2, SWITCH, true, null, 4, history));
        assertEquals(Divergence.NEED, DivergenceRule.compare(5, SWITCH, true, null, 6, List.of()));
    }

    @Test
    void theFirstEntryForMyTimelineDecides() {
        List<Switch> history = List.of(new Switch(1, SWITCH), new Switch(2, SWITCH * 2));
        assertEquals(Divergence.NOT_NEED, DivergenceRule.compare(2, SWITCH * 2, true, null, 3, history));
        assertEquals(Divergence.NEED, DivergenceRule.compare(2, SWITCH * 2 + 1, true, null, 3, history));
    }
}
