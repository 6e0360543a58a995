package io.pgha.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a fault-injection run: figures per fault kind and why it failed, if it did. Lost writes
 * fail the run only in strict synchronous mode; in asynchronous mode they are reported.
 */
record ChaosReport(long seed, int faultsPlanned, boolean synchronous, String mode, Map<FaultKind, FaultStats> byKind,
                   int splitBrainOutsideFaults, List<String> problems) {

    FaultStats total() {
        return byKind.values().stream().reduce(FaultStats.NONE, FaultStats::plus).plus(
                new FaultStats(0, 0, 0, splitBrainOutsideFaults, 0, 0, 0));
    }

    /** Reasons the run failed; empty when it passed. */
    List<String> failures() {
        List<String> failures = new ArrayList<>(problems);
        FaultStats total = total();
        if (total.splitBrainInstants() > 0) {
            failures.add(total.splitBrainInstants() + " split-brain instants (two nodes acknowledging writes at once)");
        }
        if (synchronous && total.lostWrites() > 0) {
            failures.add(total.lostWrites() + " acknowledged writes lost in strict synchronous mode");
        }
        return failures;
    }

    String text() {
        StringBuilder out = new StringBuilder();
        FaultStats total = total();
        out.append(String.format(Locale.ROOT, "fault injection: seed %d, %d of %d faults injected, mode: %s%n",
                seed, total.injected(), faultsPlanned, mode));
        out.append(String.format(Locale.ROOT, "%-26s %8s %12s %11s %10s %11s %13s %12s%n", "fault", "injected",
                "max gap ms", "max heal s", "split-brain", "lost acked", "2 pg primary", "2 REST prim."));
        for (Map.Entry<FaultKind, FaultStats> e : byKind.entrySet()) {
            row(out, e.getKey().label(), e.getValue());
        }
        row(out, "all", total);
        if (splitBrainOutsideFaults > 0) {
            out.append("split-brain instants between faults: ").append(splitBrainOutsideFaults).append('\n');
        }
        List<String> failures = failures();
        out.append(failures.isEmpty() ? "PASSED" : "FAILED: " + String.join("; ", failures)).append('\n');
        return out.toString();
    }

    private static void row(StringBuilder out, String label, FaultStats s) {
        out.append(String.format(Locale.ROOT, "%-26s %8d %12d %11.1f %10d %11d %13d %12d%n", label, s.injected(),
                s.longestWriteGapMillis(), s.longestHealMillis() / 1000.0, s.splitBrainInstants(), s.lostWrites(),
                s.twoPrimariesVisible(), s.twoRestPrimaries()));
    }
}
