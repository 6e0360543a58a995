package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.SyncState;
import io.pgha.ha.SyncPlanner.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {
    private static final SyncSettings ON = new SyncSettings(SyncSettings.Mode.ON, false, 1, -1);
    private static final SyncSettings STRICT = new SyncSettings(SyncSettings.Mode.ON, true, 1, -1);
    private static final SyncSettings QUORUM = new SyncSettings(SyncSettings.Mode.QUORUM, false, 1, -1);

    private static Set<String> set(String... names) {
        return StandbyNames.names(List.of(names));
    }

    private static SyncState sync(String leader, String... standbys) {
        return new SyncState(leader, List.of(standbys), 0, 7);
    }

    private static SyncCandidates.View view(Set<String> active, Set<String> confirmed, int numsync, Set<String> listed) {
        return new SyncCandidates.View(active, confirmed, numsync, listed, SyncReadiness.INITIAL);
    }

    private static Step.WriteSync write(String leader, String... standbys) {
        return new Step.WriteSync(leader, set(standbys), 0, "");
    }

    /** Steps compared without their log messages. */
    private static List<Object> shape(List<Step> steps) {
        return steps.stream().map(SyncPlannerTest::describe).toList();
    }

    private static Object describe(Step s) {
        if (s instanceof Step.WriteSync w) {
            return "sync " + w.leader() + " " + w.standbys() + " q" + w.quorum();
        }
        if (s instanceof Step.SetStandbyNames n) {
            return "ssn " + n.names() + " " + n.num();
        }
        if (s instanceof Step.Recheck r) {
            return "recheck " + r.common();
        }
        return s instanceof Step.DeleteSync ? "delete" : "configured";
    }

    @Test
    void firstCycleWritesMyselfIntoAnEmptySyncKeyThenNamesTheStandby() {
        List<Step> steps = SyncPlanner.onMode("n1", SyncState.EMPTY, view(set("n2"), set(), 0, set()), false);
        assertEquals(List.of("sync n1 [] q0", "ssn [n2] null", "recheck []"), shape(steps));
        assertEquals("Enabled synchronous replication", ((Step.WriteSync) steps.get(0)).message());
    }

    @Test
    void aSyncKeyNamingAnotherLeaderIsTakenOverWithoutStandbys() {
        List<Step> steps = SyncPlanner.onMode("n2", sync("n1", "n2"), view(set("n3"), set(), 1, set("n3")), false);
        assertEquals("sync n2 [] q0", shape(steps).get(0));
    }

    @Test
    void aSteadyStateWritesNothing() {
        assertEquals(List.of(), SyncPlanner.onMode("n1", sync("n1", "n2"), view(set("n2"), set("n2"), 1, set("n2")), false));
    }

    @Test
    void aStandbyNoLongerConfirmedLeavesSyncFirst() {
        // n2 still picked and published, but no longer confirmed: /sync shrinks to the confirmed ones
        List<Step> steps = SyncPlanner.onMode("n1", sync("n1", "n2"), view(set("n2"), set(), 1, set("n2")), false);
        assertEquals(List.of("sync n1 [] q0", "ssn [n2] null", "recheck []"), shape(steps));
        assertTrue(((Step.WriteSync) steps.get(0)).message().startsWith("Inconsistent state"));
    }

    @Test
    void swappingAStandbyRemovesItFromSyncBeforeTheSettingAndAddsTheNewOneAfter() {
        // n2 disconnected; n3 streams: /sync loses n2 first, then the setting names n3, then after a look /sync gets n3
        List<Step> steps = SyncPlanner.onMode("n1", sync("n1", "n2"), view(set("n3"), set(), 1, set("n2")), false);
        assertEquals(List.of("sync n1 [] q0", "ssn [n3] null", "recheck []"), shape(steps));
        assertEquals(List.of("sync n1 [n3] q0"), shape(SyncPlanner.afterRecheck("n1", set(), set("n3"))));
        assertEquals(List.of(), SyncPlanner.afterRecheck("n1", set(), set()));
    }

    @Test
    void aConfirmedStandbyIsPublishedWithoutWaiting() {
        List<Step> steps = SyncPlanner.onMode("n1", sync("n1"), view(set("n2"), set("n2"), 1, set("n2")), false);
        assertEquals(List.of("ssn [n2] null", "sync n1 [n2] q0"), shape(steps));
        assertTrue(((Step.WriteSync) steps.get(1)).message().startsWith("Synchronous standby status assigned"));
    }

    @Test
    void theSettingIsRewrittenWhenItsCountIsWrong() {
        List<Step> steps = SyncPlanner.onMode("n1", sync("n1", "n2"), view(set("n2"), set("n2"), 2, set("n2")), false);
        assertEquals(List.of("ssn [n2] null"), shape(steps));
    }

    @Test
    void withoutStandbysNonStrictClearsTheSettingAndStrictWaitsForAnyStandby() {
        assertEquals(List.of("sync n1 [] q0", "ssn [] null"),
                shape(SyncPlanner.onMode("n1", sync("n1", "n2"), view(set(), set(), 1, set("n2")), false)));
        assertEquals(List.of("sync n1 [] q0", "ssn [*] null"),
                shape(SyncPlanner.onMode("n1", sync("n1", "n2"), view(set(), set(), 1, set("n2")), true)));
        // '*' already set: nothing more to write
        assertEquals(List.of(), SyncPlanner.onMode("n1", sync("n1"), view(set(), set(), 0, set()), true));
    }

    @Test
    void synchronousModeOffRemovesTheKeyAndGivesTheSettingBack() {
        assertEquals(List.of("delete", "configured"), shape(SyncPlanner.disable(sync("n1", "n2"))));
        assertEquals(List.of("configured"), shape(SyncPlanner.disable(SyncState.EMPTY)));
        assertEquals(List.of("delete", "configured"), shape(SyncPlanner.beforePromote("n2", sync("n1", "n2"), SyncSettings.OFF)));
    }

    @Test
    void beforePromotionIBecomeTheOnlySynchronousNode() {
        assertEquals(List.of("sync n2 [] q0", "ssn [] 0"), shape(SyncPlanner.beforePromote("n2", sync("n1", "n2"), ON)));
        List<Step> strict = SyncPlanner.beforePromote("n2", sync("n1", "n2"), STRICT);
        assertEquals(List.of("sync n2 [] q0", "ssn [] 1"), shape(strict));
        Step.SetStandbyNames names = (Step.SetStandbyNames) strict.get(1);
        assertEquals("*", StandbyNames.render(names.names(), names.num(), false));
    }

    @Test
    void beforePromotionInQuorumModeTheFormerVotersStaySynchronous() {
        SyncState s = new SyncState("n1", List.of("n2", "n3"), 1, 7);
        assertEquals(List.of("ssn [n1, n3] 1"), shape(SyncPlanner.beforePromote("n2", s, QUORUM)));
        // I won from outside the voters: one more of them must confirm
        SyncState one = new SyncState("n1", List.of("n2"), 0, 7);
        assertEquals(List.of("ssn [n1, n2] 2"), shape(SyncPlanner.beforePromote("n3", one, QUORUM)));
        // no /sync yet: nothing to keep
        assertEquals(List.of("ssn [] 0"), shape(SyncPlanner.beforePromote("n2", SyncState.EMPTY, QUORUM)));
    }

    @Test
    void quorumTransitionsBecomeStepsAndStrictNeverAsksForFewerThanOne() {
        List<QuorumResolver.Transition> t = List.of(
                new QuorumResolver.Transition(QuorumResolver.Kind.SYNC, "n1", 0, Set.of()),
                new QuorumResolver.Transition(QuorumResolver.Kind.QUORUM, "n1", 1, Set.of("n2", "n3")),
                new QuorumResolver.Transition(QuorumResolver.Kind.RESTART, "n1", 0, Set.of()));
        assertEquals(List.of("ssn [] 1", "sync n1 [n2, n3] q1", "recheck []"), shape(SyncPlanner.quorumSteps(t, 1)));
        assertEquals("ssn [] 0", shape(SyncPlanner.quorumSteps(t, 0)).get(0));
    }
}
