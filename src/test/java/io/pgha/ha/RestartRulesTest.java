package io.pgha.ha;

import static io.pgha.ha.Fixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pgha.dcs.Cluster;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ha-loop.md §19: restart conditions, the scheduled restart's time window, re-initialisation refusals. */
class RestartRulesTest {
    private static final Duration LOOP_WAIT = Duration.ofSeconds(10);
    private static final Instant STARTED = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void aRestartWithoutFiltersAlwaysMatches() {
        assertEquals(Optional.empty(), RestartRules.mismatch(RestartFilters.NONE, "replica", 150004, false));
    }

    @Test
    void aRestartForAnotherRoleIsNotDone() {
        RestartFilters primaryOnly = new RestartFilters("primary", null, false);
        assertEquals(Optional.of("host role mismatch"), RestartRules.mismatch(primaryOnly, "replica", 150004, false));
        assertEquals(Optional.empty(), RestartRules.mismatch(primaryOnly, "primary", 150004, false));
    }

    @Test
    void aRestartForAnUpgradeRunsOnlyOnOlderServers() {
        RestartFilters below154 = new RestartFilters(null, "15.4", false);
        assertEquals(Optional.empty(), RestartRules.mismatch(below154, "replica", 150003, false));
        assertEquals(Optional.of("postgres version mismatch"), RestartRules.mismatch(below154, "replica", 150004, false));
        assertEquals(Optional.of("postgres version mismatch"), RestartRules.mismatch(below154, "replica", 160000, false));
    }

    @Test
    void restartPendingRestartsOnlyWhenARestartIsPending() {
        RestartFilters pending = new RestartFilters(null, null, true);
        assertEquals(Optional.of("pending restart flag is not set"), RestartRules.mismatch(pending, "primary", 150004, false));
        assertEquals(Optional.empty(), RestartRules.mismatch(pending, "primary", 150004, true));
    }

    @Test
    void versionsAreNumberedAsPatroniNumbersThem() {
        assertEquals(150004, RestartRules.versionNumber("15.4"));
        assertEquals(90624, RestartRules.versionNumber("9.6.24"));
        assertEquals(100001, RestartRules.versionNumber("10.1"));
        assertEquals("Invalid PostgreSQL version: abc",
                assertThrows(IllegalArgumentException.class, () -> RestartRules.versionNumber("abc")).getMessage());
        assertEquals("Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: 9.6",
                assertThrows(IllegalArgumentException.class, () -> RestartRules.versionNumber("9.6")).getMessage());
        assertEquals("Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: 15",
                assertThrows(IllegalArgumentException.class, () -> RestartRules.versionNumber("15")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RestartRules.versionNumber("1.2.3.4"));
    }

    @Test
    void anotherTaskRefusesTheRestartByItsName() {
        assertEquals(Optional.of("reinitialize already in progress"),
                RestartRules.busy(AsyncTask.of(AsyncTask.Kind.REINITIALIZE, "reinitialize", NOW)));
        assertEquals(Optional.empty(), RestartRules.busy(null));
    }

    @Test
    void aRestartFarAheadWaits() {
        ScheduledRestartVerdict verdict = RestartRules.evaluate(at(NOW.plusSeconds(60)), NOW, LOOP_WAIT, STARTED, false, false);
        assertEquals(ScheduledRestartVerdict.Step.WAIT, verdict.step());
        assertEquals("Awaiting restart at 2026-11-25T12:01:00Z (in 60 seconds)", verdict.message());
    }

    @Test
    void aRestartDueWithinLoopWaitRunsAfterTheRemainingTime() {
        ScheduledRestartVerdict verdict = RestartRules.evaluate(at(NOW.plusSeconds(4)), NOW, LOOP_WAIT, STARTED, false, false);
        assertEquals(ScheduledRestartVerdict.Step.RUN, verdict.step());
        assertEquals(Duration.ofSeconds(4), verdict.delay());
    }

    @Test
    void aSlightlyLateRestartRunsAtOnceAndAStaleOneIsForgotten() {
        ScheduledRestartVerdict late = RestartRules.evaluate(at(NOW.minusSeconds(14)), NOW, LOOP_WAIT, STARTED, false, false);
        assertEquals(ScheduledRestartVerdict.Step.RUN, late.step());
        assertEquals(Duration.ZERO, late.delay());
        ScheduledRestartVerdict stale = RestartRules.evaluate(at(NOW.minusSeconds(16)), NOW, LOOP_WAIT, STARTED, false, false);
        assertEquals(ScheduledRestartVerdict.Step.DISCARD, stale.step());
    }

    @Test
    void aServerRestartedSinceTheScheduleCancelsIt() {
        ScheduledRestartVerdict verdict = RestartRules.evaluate(at(NOW.plusSeconds(2)), NOW, LOOP_WAIT,
                STARTED.plusSeconds(5), false, false);
        assertEquals(ScheduledRestartVerdict.Step.DISCARD, verdict.step());
    }

    @Test
    void nothingHappensWhileATaskRunsOrPaused() {
        assertEquals(ScheduledRestartVerdict.Step.NONE,
                RestartRules.evaluate(at(NOW), NOW, LOOP_WAIT, STARTED, true, false).step());
        assertEquals(ScheduledRestartVerdict.Step.NONE,
                RestartRules.evaluate(at(NOW), NOW, LOOP_WAIT, STARTED, false, true).step());
        assertEquals(ScheduledRestartVerdict.Step.NONE,
                RestartRules.evaluate(null, NOW, LOOP_WAIT, STARTED, false, false).step());
    }

    @Test
    void reinitializeIsRefusedOnTheLeaderAndWithoutOne() {
        Cluster led = Fixtures.cluster().leader("node1").members(Fixtures.primary("node1", 100),
                Fixtures.replica("node2", 100)).build();
        Cluster unlocked = Fixtures.cluster().members(Fixtures.replica("node2", 100)).build();
        assertEquals(Optional.of("I am the leader, can not reinitialize"),
                ReinitializeRules.refusal(led, "node1", false, null));
        assertEquals(Optional.of("Cluster has no leader, can not reinitialize"),
                ReinitializeRules.refusal(unlocked, "node2", false, null));
        assertEquals(Optional.of("reinitialize already in progress"), ReinitializeRules.refusal(led, "node2", false,
                AsyncTask.of(AsyncTask.Kind.REINITIALIZE, "reinitialize", NOW)));
        assertEquals(Optional.empty(), ReinitializeRules.refusal(led, "node2", false, null));
        assertEquals("node1", ReinitializeRules.source(led, "node2", true).orElseThrow().name());
    }

    private static ScheduledRestart at(Instant when) {
        return new ScheduledRestart(when, RestartFilters.NONE, null, STARTED, Map.of("schedule", when.toString()));
    }
}
