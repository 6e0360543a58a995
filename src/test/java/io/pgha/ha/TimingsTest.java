package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.DynamicConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Patroni's adjustment of ttl/loop_wait/retry_timeout (ha-loop.md §2.1). */
class TimingsTest {
    private static Timings of(Map<String, Object> config) {
        return Timings.from(new DynamicConfig(config, 1, true));
    }

    @Test
    void defaultsAreThirtyTenTen() {
        Timings timings = of(Map.of());

        assertEquals(List.of(30, 10, 10), List.of(timings.ttl(), timings.loopWait(), timings.retryTimeout()));
        assertEquals(List.of(), timings.adjustments());
    }

    @Test
    void valuesBelowTheMinimumsAreRaised() {
        Timings timings = of(Map.of("ttl", 5, "loop_wait", 0, "retry_timeout", 1));

        assertEquals(20, timings.ttl());
        assertEquals(3, timings.retryTimeout());
        assertEquals(1, timings.loopWait());
        assertTrue(timings.adjustments().contains("ttl=5 can't be smaller than 20, adjusting..."), timings.adjustments()::toString);
    }

    @Test
    void loopWaitIsSacrificedFirst() {
        Timings timings = of(Map.of("ttl", 30, "loop_wait", 20, "retry_timeout", 10));

        assertEquals(10, timings.loopWait());
        assertEquals(10, timings.retryTimeout());
        assertEquals(List.of("Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=30 and retry_timeout=10."
                + " Adjusting loop_wait from 20 to 10"), timings.adjustments());
    }

    @Test
    void retryTimeoutShrinksWhenEvenALoopWaitOfOneDoesNotFit() {
        Timings timings = of(Map.of("ttl", 20, "loop_wait", 10, "retry_timeout", 15));

        assertEquals(1, timings.loopWait());
        assertEquals(9, timings.retryTimeout());
        assertTrue(timings.loopWait() + 2 * timings.retryTimeout() <= timings.ttl());
    }

    @Test
    void numbersWrittenAsStringsAreAccepted() {
        assertEquals(25, of(Map.of("ttl", "25", "loop_wait", "5", "retry_timeout", "10")).ttl());
    }

    @Test
    void primaryCutOffFromTheDcsDemotesBeforeAReplicaCanTakeTheLease() {
        Timings fast = of(Map.of("ttl", 10, "loop_wait", 2, "retry_timeout", 3));
        java.time.Instant renewed = Fixtures.NOW;

        assertEquals(20, fast.ttl(), "ttl is raised to its minimum");
        assertEquals(renewed.plusSeconds(8), fast.demoteDeadline(renewed));
        assertEquals(Duration.ofSeconds(3), fast.leaderUpdateBudget(renewed, renewed.plusSeconds(2)));
        assertEquals(Duration.ofSeconds(1), fast.leaderUpdateBudget(renewed, renewed.plusSeconds(7)));
    }
}
