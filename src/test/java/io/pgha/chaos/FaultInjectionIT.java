package io.pgha.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.NoRerun;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short variant of the fault-injection suite (dist/dev/chaos runs the long one): eight faults, every
 * kind at least once, with a seed taken from the clock and printed so a failure can be replayed with
 * {@code dist/dev/chaos --faults 8 --seed S}.
 */
@ExtendWith(NoRerun.class)
class FaultInjectionIT {

    @Test
    void eightRandomFaultsLeaveNoSplitBrainNoLostWriteAndAHealedCluster() {
        long seed = Long.getLong("pgha.chaos.seed", System.currentTimeMillis());
        ChaosReport report = FaultInjection.run(new FaultInjection.Settings(8, seed,
                Duration.ofSeconds(150), java.util.List.of(FaultKind.values()), true, null), System.out);
        System.out.print(report.text());
        assertEquals(8, report.total().injected(), "faults injected (seed " + seed + ")\n" + report.text());
        assertTrue(report.byKind().values().stream().allMatch(s -> s.injected() > 0), report.text());
        assertTrue(report.failures().isEmpty(), "seed " + seed + ": " + report.failures() + "\n" + report.text());
    }
}
