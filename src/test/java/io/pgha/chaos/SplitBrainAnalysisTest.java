package io.pgha.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitBrainAnalysisTest {
    private static final long MS = 1_000_000L;

    /** Probes of {@code node} every 100 ms from {@code fromMs} to {@code toMs}, answered after 5 ms. */
    private static List<WriteAttempt> probes(int node, long fromMs, long toMs, boolean acknowledged) {
        List<WriteAttempt> list = new ArrayList<>();
        for (long t = fromMs; t < toMs; t += 100) {
            list.add(new WriteAttempt(node, t * MS, (t + 5) * MS, acknowledged));
        }
        return list;
    }

    @Test
    void aFailoverWhereTheOldPrimaryStopsBeforeTheNewOneStartsIsNoSplitBrain() {
        List<WriteAttempt> all = new ArrayList<>(probes(1, 0, 2000, true));
        all.addAll(probes(1, 2000, 9000, false));
        all.addAll(probes(2, 3, 2203, false));
        all.addAll(probes(2, 2203, 9003, true));
        assertEquals(List.of(), SplitBrainAnalysis.find(all));
    }

    @Test
    void anOldPrimaryStillAcknowledgingAfterTheNewOneTookWritesIsCountedPerSlot() {
        List<WriteAttempt> all = new ArrayList<>(probes(1, 0, 3000, true));
        all.addAll(probes(1, 3000, 6000, false));
        all.addAll(probes(2, 50, 2050, false));
        all.addAll(probes(2, 2050, 6050, true));
        List<SplitBrainAnalysis.Instant> found = SplitBrainAnalysis.find(all);
        // node 2 writable from 2055 ms on: node 1's probes at 2100..2900 and node 2's at 2150..2850 overlap
        assertEquals(10, SplitBrainAnalysis.slots(found), found.toString());
    }

    @Test
    void acknowledgementsWhoseWindowsOnlyTouchAreNotCounted() {
        List<WriteAttempt> all = new ArrayList<>();
        all.add(new WriteAttempt(1, 0, 5 * MS, true));
        all.add(new WriteAttempt(1, 100 * MS, 1500 * MS, true));
        all.add(new WriteAttempt(2, 120 * MS, 125 * MS, true));
        all.add(new WriteAttempt(2, 220 * MS, 225 * MS, false));
        all.add(new WriteAttempt(1, 1600 * MS, 1605 * MS, false));
        assertEquals(List.of(), SplitBrainAnalysis.find(all),
                "a single acknowledgement of node 2 is no run, and node 1's late answer may have committed any time");
    }
}
