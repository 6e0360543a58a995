package io.pgha.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the moments two nodes accepted writes at once, from the {@link Checker}'s write probes alone.
 * <p>
 * A node is <em>continuously accepting writes</em> over a run of consecutive acknowledged probes to it,
 * from the first one's acknowledgement to the last one's sending: with a probe every ~100 ms and no refused
 * or timed-out probe in between, it took writes all along (a demotion and promotion restart PostgreSQL,
 * which takes far longer than one probe interval). An acknowledged probe to node X that was sent and
 * answered entirely inside such a run of another node Y is a split-brain instant: X committed a write at
 * a moment Y was accepting them too. Windows that merely overlap prove nothing (the commit could fall
 * outside the other node's writable time), so a failover, where the old primary's last commit and the
 * new one's first are a few milliseconds apart, is never counted; two nodes that both take writes for
 * longer than a couple of probe intervals always are. Instants are counted as 100 ms slots of the
 * acknowledgement time, so two nodes both writable for one second count about ten.
 */
final class SplitBrainAnalysis {
    static final long SLOT_NANOS = 100_000_000L;

    private SplitBrainAnalysis() {
    }

    /** One acknowledged write of {@code node} while {@code other} was continuously accepting writes. */
    record Instant(int node, int other, long at) {
    }

    /** A run of consecutive acknowledged probes of one node: writable from {@code from} to {@code to}. */
    private record Run(long from, long to) {
    }

    static List<Instant> find(List<WriteAttempt> attempts) {
        Map<Integer, List<WriteAttempt>> byNode = new HashMap<>();
        for (WriteAttempt attempt : attempts) {
            byNode.computeIfAbsent(attempt.node(), n -> new ArrayList<>()).add(attempt);
        }
        Map<Integer, List<Run>> runs = new HashMap<>();
        byNode.forEach((node, list) -> {
            list.sort(Comparator.comparingLong(WriteAttempt::sent));
            runs.put(node, runsOf(list));
        });
        List<Instant> found = new ArrayList<>();
        for (WriteAttempt attempt : attempts) {
            if (!attempt.acknowledged()) {
                continue;
            }
            for (Map.Entry<Integer, List<Run>> other : runs.entrySet()) {
                if (other.getKey() != attempt.node() && inside(other.getValue(), attempt.sent(), attempt.answered())) {
                    found.add(new Instant(attempt.node(), other.getKey(), attempt.answered()));
                    break;
                }
            }
        }
        found.sort(Comparator.comparingLong(Instant::at));
        return found;
    }

    /** Distinct 100 ms slots (of the acknowledgement time) holding at least one instant. */
    static int slots(List<Instant> instants) {
        TreeSet<Long> slots = new TreeSet<>();
        instants.forEach(i -> slots.add(Math.floorDiv(i.at(), SLOT_NANOS)));
        return slots.size();
    }

    private static List<Run> runsOf(List<WriteAttempt> sorted) {
        List<Run> runs = new ArrayList<>();
        WriteAttempt first = null;
        WriteAttempt last = null;
        for (WriteAttempt attempt : sorted) {
            if (attempt.acknowledged()) {
                if (first == null) {
                    first = attempt;
                }
                last = attempt;
            } else {
                if (first != null && last != first) {
                    runs.add(new Run(first.answered(), last.sent()));
                }
                first = null;
                last = null;
            }
        }
        if (first != null && last != first) {
            runs.add(new Run(first.answered(), last.sent()));
        }
        return runs;
    }

    /** Whether [sent, answered] lies inside one of the runs (sorted by start, not overlapping). */
    private static boolean inside(List<Run> runs, long sent, long answered) {
        int low = 0;
        int high = runs.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Run run = runs.get(mid);
            if (run.to() < sent) {
                low = mid + 1;
            } else if (run.from() > sent) {
                high = mid - 1;
            } else {
                return answered <= run.to();
            }
        }
        return false;
    }
}
