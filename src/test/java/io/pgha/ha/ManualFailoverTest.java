package io.pgha.ha;

import static io.pgha.ha.Fixtures.NOW;
import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningPrimary;
import static io.pgha.ha.Fixtures.runningReplica;
import static io.pgha.ha.World.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.ha.Action.ClearFailoverKey;
import io.pgha.ha.Action.Demote;
import io.pgha.ha.Action.DemoteMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Switchover and manual failover through the /failover key (ha-loop.md §11). */
class ManualFailoverTest {
    private static Cluster ledByNode1(String from, String candidate, String scheduledAt) {
        return cluster().leader("node1").failover(from, candidate, scheduledAt)
                .members(primary("node1", 2000), replica("node2", 2000), replica("node3", 2000)).optime(2000).build();
    }

    private static Cluster leaderGone(String from, String candidate) {
        return cluster().failover(from, candidate, null)
                .members(replica("node2", 2000), replica("node3", 2000)).optime(2000).build();
    }

    private static final Demote GRACEFUL_SWITCHOVER = new Demote(DemoteMode.GRACEFUL, "switchover: demote");

    @Test
    void leaderStepsDownGracefullyForAHealthyCandidate() {
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1))
                .run(input("node1", ledByNode1("node1", "node2", null), runningPrimary(2000).build()));

        assertEquals(GRACEFUL_SWITCHOVER, run.the(Demote.class));
        assertEquals("switchover: demoting myself", run.message());
        List<String> asked = ((Action.FetchPeerStatuses) run.probes().get(1)).peers().stream()
                .map(Action.FetchPeerStatuses.Peer::name).toList();
        assertEquals(List.of("node2"), asked, "only the named candidate is checked");
    }

    @Test
    void aDcsErrorDuringTheGracefulDemotionStartsNoSecondDemotion() {
        AsyncTask demoting = AsyncTask.of(AsyncTask.Kind.DEMOTE, "switchover: demote", NOW.minusSeconds(1));
        Decision decision = HaDecider.decide(HaInput.dcsUnreachable(HaSettings.of("node1"), "etcd: timeout",
                runningPrimary(2000).task(demoting).build(), NOW));

        assertEquals(List.of(), decision.actions(), "the running demotion restarts PostgreSQL as a replica itself");
        assertEquals("DCS is not accessible; switchover: demote in progress", decision.message());
    }

    @Test
    void manualFailoverWithoutLeaderFieldIsNamedSo() {
        World.Run run = world().peer(PeerStatus.replica("node3", 2000, 1))
                .run(input("node1", ledByNode1(null, "node3", null), runningPrimary(2000).build()));

        assertEquals(new Demote(DemoteMode.GRACEFUL, "manual failover: demote"), run.the(Demote.class));
        assertEquals("manual failover: demoting myself", run.message());
    }

    @Test
    void switchoverToAnUnreachableCandidateIsRefusedAndTheKeyCleared() {
        World.Run run = world().run(input("node1", ledByNode1("node1", "node2", null), runningPrimary(2000).build()));

        assertFalse(run.does(Demote.class));
        assertEquals(new ClearFailoverKey(42L), run.the(ClearFailoverKey.class));
        assertEquals("no action. I am (node1), the leader with the lock", run.message());
    }

    @Test
    void switchoverNamingAnotherLeaderIsCleared() {
        World.Run run = world().run(input("node1", ledByNode1("node9", "node2", null), runningPrimary(2000).build()));

        assertFalse(run.does(Demote.class));
        assertTrue(run.does(ClearFailoverKey.class));
    }

    @Test
    void switchoverToMyselfIsCleared() {
        World.Run run = world().run(input("node1", ledByNode1(null, "node1", null), runningPrimary(2000).build()));

        assertFalse(run.does(Demote.class));
        assertTrue(run.does(ClearFailoverKey.class));
    }

    @Test
    void scheduledSwitchoverInTheFutureWaits() {
        String inAMinute = NOW.plusSeconds(60).toString();
        World.Run run = world().run(input("node1", ledByNode1("node1", "node2", inAMinute), runningPrimary(2000).build()));

        assertFalse(run.does(Demote.class));
        assertFalse(run.does(ClearFailoverKey.class), "the schedule stays for a later cycle");
        assertFalse(run.asked(Action.FetchPeerStatuses.class));
    }

    @Test
    void scheduledSwitchoverDueWithinALoopSleepsUntilItThenDemotes() {
        String soon = "2026-11-25T12:00:04+00:00";
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1))
                .run(input("node1", ledByNode1("node1", "node2", soon), runningPrimary(2000).build()));

        int wait = run.actions().indexOf(new Action.Wait(Duration.ofSeconds(4)));
        assertTrue(wait >= 0, run.actions().toString());
        assertEquals(GRACEFUL_SWITCHOVER, run.actions().get(wait + 1));
    }

    @Test
    void staleScheduledSwitchoverIsCleared() {
        String longAgo = NOW.minusSeconds(16).toString();
        World.Run run = world().run(input("node1", ledByNode1("node1", "node2", longAgo), runningPrimary(2000).build()));

        assertFalse(run.does(Demote.class));
        assertEquals(new ClearFailoverKey(42L), run.the(ClearFailoverKey.class));
    }

    @Test
    void scheduledSwitchoverIsIgnoredWhilePaused() {
        Cluster paused = cluster().leader("node1").paused().failover("node1", "node2", NOW.toString())
                .members(primary("node1", 2000), replica("node2", 2000)).build();
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1)).run(input("node1", paused,
                runningPrimary(2000).build()));

        assertFalse(run.does(Demote.class));
        assertFalse(run.does(ClearFailoverKey.class));
    }

    @Test
    void switchoverWithoutCandidateIsRefusedWhilePaused() {
        Cluster paused = cluster().leader("node1").paused().failover("node1", null, null)
                .members(primary("node1", 2000), replica("node2", 2000)).build();
        World.Run run = world().run(input("node1", paused, runningPrimary(2000).build()));

        assertFalse(run.does(Demote.class));
        assertTrue(run.does(ClearFailoverKey.class));
    }

    @Test
    void switchoverToANamedCandidateWorksWhilePaused() {
        Cluster paused = cluster().leader("node1").paused().failover("node1", "node2", null)
                .members(primary("node1", 2000), replica("node2", 2000)).optime(2000).build();
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1)).run(input("node1", paused,
                runningPrimary(2000).build()));

        assertEquals(GRACEFUL_SWITCHOVER, run.the(Demote.class));
        assertEquals("PAUSE: switchover: demoting myself", run.message());
    }

    @Test
    void namedCandidateTakesTheLockAndClearsTheKey() {
        World.Run run = world().run(HaInput.of(HaSettings.of("node2"), leaderGone("node1", "node2"),
                ledByNode1("node1", "node2", null), runningReplica(1500).build(), NOW));

        assertTrue(run.does(Action.Promote.class), "the candidate wins even when behind: " + run.message());
        assertEquals(new ClearFailoverKey(null), run.the(ClearFailoverKey.class));
        assertFalse(run.asked(Action.FetchPeerStatuses.class));
    }

    @Test
    void otherReplicasLetAHealthyCandidateWin() {
        World.Run run = world().peer(PeerStatus.replica("node2", 1500, 1))
                .run(HaInput.of(HaSettings.of("node3"), leaderGone("node1", "node2"), ledByNode1("node1", "node2", null),
                        runningReplica(2000).build(), NOW));

        assertFalse(run.asked(Action.AcquireLeaderLock.class));
        assertTrue(run.does(Action.Wait.class), "head start for the candidate");
        assertEquals("following a different leader because i am not the healthiest node", run.message());
    }

    @Test
    void unreachableCandidateLetsTheHealthiestOtherReplicaTakeOverWithoutLagCheck() {
        Cluster gone = cluster().failover("node1", "node2", null)
                .members(replica("node2", 2000), replica("node3", 10)).optime(5_000_000).build();
        World.Run run = world().run(HaInput.of(HaSettings.of("node3"), gone, ledByNode1("node1", "node2", null),
                runningReplica(10).build(), NOW));

        assertTrue(run.does(Action.Promote.class), run.message());
    }

    @Test
    void formerLeaderStaysOutOfTheRaceWhenOthersCanTakeOver() {
        Cluster gone = cluster().failover("node1", null, null)
                .members(replica("node1", 2000), replica("node2", 2000)).optime(2000).build();
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1))
                .run(HaInput.of(HaSettings.of("node1"), gone, null, runningReplica(2000).build(), NOW));

        assertFalse(run.asked(Action.AcquireLeaderLock.class));
    }

    @Test
    void formerLeaderTakesBackTheLockWhenNobodyElseCan() {
        Cluster gone = cluster().failover("node1", null, null)
                .members(replica("node1", 2000), replica("node2", 2000)).optime(2000).build();
        World.Run run = world().run(HaInput.of(HaSettings.of("node1"), gone, null, runningReplica(2000).build(), NOW));

        assertTrue(run.does(Action.Promote.class), run.message());
    }

    @Test
    void pausedCandidateKeepsOnlyItselfInTheFailoverKey() {
        Cluster paused = cluster().paused().failover("node1", "node2", null)
                .members(replica("node1", 2000), primary("node2", 2000)).build();
        World.Run run = world().run(input("node2", paused, runningPrimary(2000).holdsLeaderKey(false).build()));

        assertEquals(new Action.RewriteFailoverKey("node2", null, 42), run.the(Action.RewriteFailoverKey.class));
        assertEquals("PAUSE: acquired session lock as a leader", run.message());
    }

    @Test
    void pausedLockHolderWaitsForItsOwnPromote() {
        Cluster paused = cluster().leader("node2").paused().failover(null, "node2", null)
                .members(replica("node1", 2000), replica("node2", 2000)).build();
        World.Run run = world().run(input("node2", paused, runningReplica(2000).build()));

        assertEquals("PAUSE: waiting to become primary after promote...", run.message());
        assertFalse(run.does(Action.ReleaseLeaderLock.class));
    }
}
