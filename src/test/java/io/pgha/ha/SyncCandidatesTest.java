package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.member;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.ha.SyncCandidates.Standby;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncCandidatesTest {
    private static final SyncSettings ON = new SyncSettings(SyncSettings.Mode.ON, false, 1, -1);
    private static final SyncSettings ON2 = new SyncSettings(SyncSettings.Mode.ON, false, 2, -1);
    private static final SyncSettings QUORUM = new SyncSettings(SyncSettings.Mode.QUORUM, false, 1, -1);

    private static Standby row(String name, String state, long lsn) {
        return new Standby(name, state, lsn, lsn, lsn);
    }

    private static SyncCandidates.View eval(Cluster c, SyncSettings s, String ssn, SyncReadiness ready, Standby... rows) {
        return SyncCandidates.evaluate("n1", c, s, new SyncCandidates.Facts(List.of(rows), "on", 1000,
                StandbyNames.parse(ssn), ready));
    }

    private static Cluster three(Map<String, Object> n2tags, Map<String, Object> n3tags) {
        return cluster().leader("n1").members(primary("n1", 1000), replica("n2", 1000, n2tags), replica("n3", 1000, n3tags))
                .build();
    }

    private static Set<String> set(String... names) {
        return StandbyNames.names(List.of(names));
    }

    @Test
    void onlyRunningMembersWithoutNosyncThatStreamFromMeQualify() {
        Cluster c = cluster().leader("n1").members(primary("n1", 1000), replica("n2", 1000, Map.of("nosync", true)),
                replica("n3", 1000, Map.of("sync_priority", 0)), member("n4", "replica", "stopped", 1000L, 1, Map.of()),
                replica("n5", 1000), replica("n6", 1000)).build();
        SyncCandidates.View v = eval(c, new SyncSettings(SyncSettings.Mode.ON, false, 5, -1), "", SyncReadiness.INITIAL,
                row("n1", "async", 1000), row("n2", "async", 1000), row("n3", "async", 1000), row("n4", "async", 1000),
                row("stranger", "async", 1000), new Standby("n5", "async", null, null, null), row("n6", "async", 900));
        assertEquals(set("n6"), v.active());
    }

    @Test
    void aMemberMeantToCascadeThroughAStreamingStandbyIsNoCandidate() {
        Cluster c = three(Map.of(), Map.of("replicatefrom", "n2"));
        assertEquals(set("n2"), eval(c, ON2, "", SyncReadiness.INITIAL, row("n2", "async", 1000), row("n3", "async", 1000)).active());
        // its upstream does not stream from me: then it may be synchronous itself
        assertEquals(set("n3"), eval(c, ON2, "", SyncReadiness.INITIAL, row("n3", "async", 1000)).active());
    }

    @Test
    void prefersHigherSyncPriorityThenTheCurrentSyncStandbyThenTheMostAdvanced() {
        Cluster c = three(Map.of(), Map.of());
        assertEquals(set("n3"), eval(c, ON, "", SyncReadiness.INITIAL, row("n2", "async", 900), row("n3", "async", 950)).active());
        assertEquals(set("n2"), eval(c, ON, "n2", SyncReadiness.INITIAL, row("n2", "sync", 900), row("n3", "async", 950)).active());
        Cluster prio = three(Map.of("sync_priority", 5), Map.of());
        assertEquals(set("n2"), eval(prio, ON, "", SyncReadiness.INITIAL, row("n2", "async", 100), row("n3", "sync", 950)).active());
    }

    @Test
    void nofailoverMembersComeLastButStillQualify() {
        Cluster c = three(Map.of("nofailover", true), Map.of());
        assertEquals(set("n3"), eval(c, ON, "", SyncReadiness.INITIAL, row("n2", "async", 1000), row("n3", "async", 10)).active());
        assertEquals(set("n2"), eval(c, ON, "", SyncReadiness.INITIAL, row("n2", "async", 1000)).active());
    }

    @Test
    void synchronousNodeCountLimitsTheActiveSet() {
        Cluster c = three(Map.of(), Map.of());
        assertEquals(set("n2", "n3"), eval(c, ON2, "", SyncReadiness.INITIAL, row("n2", "async", 1000), row("n3", "async", 1000)).active());
        assertEquals(1, eval(c, ON, "", SyncReadiness.INITIAL, row("n2", "async", 1000), row("n3", "async", 1000)).active().size());
    }

    @Test
    void aStandbyLaggingMoreThanMaximumLagOnSyncnodeIsSkipped() {
        Cluster c = three(Map.of(), Map.of());
        SyncSettings lag = new SyncSettings(SyncSettings.Mode.ON, false, 1, 100);
        assertEquals(set("n3"), eval(c, lag, "n2", SyncReadiness.INITIAL, row("n2", "sync", 500), row("n3", "async", 1000)).active());
        // one standby only: measured against my own position (1000)
        assertEquals(set(), eval(c, lag, "n2", SyncReadiness.INITIAL, row("n2", "sync", 500)).active());
    }

    @Test
    void theLsnColumnFollowsSynchronousCommit() {
        Cluster c = three(Map.of(), Map.of());
        Standby n2 = new Standby("n2", "async", 900L, 800L, 700L);
        Standby n3 = new Standby("n3", "async", 850L, 850L, 850L);
        SyncCandidates.View write = SyncCandidates.evaluate("n1", c, ON, new SyncCandidates.Facts(List.of(n2, n3),
                "remote_write", 1000, StandbyNames.EMPTY, SyncReadiness.INITIAL));
        SyncCandidates.View apply = SyncCandidates.evaluate("n1", c, ON, new SyncCandidates.Facts(List.of(n2, n3),
                "remote_apply", 1000, StandbyNames.EMPTY, SyncReadiness.INITIAL));
        assertEquals(set("n2"), write.active());
        assertEquals(set("n3"), apply.active());
    }

    @Test
    void aNewlyNamedStandbyIsConfirmedOnceSyncAndCaughUpWithTheMark() {
        Cluster c = three(Map.of(), Map.of());
        SyncReadiness marked = new SyncReadiness("n2", 950, Set.of());
        SyncCandidates.View behind = eval(c, ON, "n2", marked, row("n2", "sync", 900));
        assertEquals(set(), behind.confirmed());
        SyncCandidates.View potential = eval(c, ON, "n2", marked, row("n2", "potential", 1000));
        assertEquals(set(), potential.confirmed());
        SyncCandidates.View caught = eval(c, ON, "n2", marked, row("n2", "sync", 960));
        assertEquals(set("n2"), caught.confirmed());
        assertTrue(caught.readiness().isReady("n2"));
        // remembered: later rows below the mark still count
        assertEquals(set("n2"), eval(c, ON, "n2", caught.readiness(), row("n2", "sync", 10)).confirmed());
        // not listed in synchronous_standby_names: never confirmed
        assertEquals(set(), eval(c, ON, "n3", marked, row("n2", "sync", 1000)).confirmed());
    }

    @Test
    void aStandbyAlreadyInSyncCountsAsReady() {
        Cluster c = cluster().leader("n1").members(primary("n1", 1000), replica("n2", 1000)).sync("n1", List.of("n2"), 0).build();
        assertEquals(set("n2"), eval(c, ON, "n2", new SyncReadiness("n2", 5000, Set.of()), row("n2", "sync", 10)).confirmed());
    }

    @Test
    void quorumModeConfirmsQuorumStandbysAndTakesNofailoverOnlyToFillTheCount() {
        Cluster c = three(Map.of(), Map.of("nofailover", true));
        SyncReadiness marked = new SyncReadiness("ANY 1 (n2,n3)", 950, Set.of());
        SyncCandidates.View v = eval(c, QUORUM, "ANY 1 (n2,n3)", marked, row("n2", "quorum", 1000), row("n3", "quorum", 1000));
        assertEquals(set("n2"), v.active());
        assertEquals(set("n2"), v.confirmed());
        assertEquals(1, v.numsync());
        assertEquals(set("n2", "n3"), v.sync());
        assertEquals(set("n3"), eval(c, QUORUM, "ANY 1 (n2,n3)", marked, row("n3", "quorum", 1000)).active());
        assertEquals(set(), eval(c, QUORUM, "ANY 1 (n2,n3)", marked, row("n2", "sync", 1000)).confirmed());
    }

    @Test
    void aStarCountsNobodyAsListed() {
        SyncCandidates.View v = eval(three(Map.of(), Map.of()), ON, "*", SyncReadiness.INITIAL, row("n2", "sync", 1000));
        assertEquals(0, v.numsync());
        assertEquals(set(), v.sync());
        assertEquals(set(), v.confirmed());
    }

    @Test
    void readinessForgetsStandbysNoLongerListed() {
        SyncReadiness r = new SyncReadiness("2 (a,b)", 10, Set.of("a", "b"));
        assertTrue(r.changedTo("a"));
        assertTrue(SyncReadiness.INITIAL.changedTo(""));
        SyncReadiness after = r.afterChange("a", StandbyNames.parse("a"), 99);
        assertEquals(set("a"), after.ready());
        assertEquals(99, after.flushLsnAtChange());
        assertTrue(!after.changedTo("a"));
    }
}
