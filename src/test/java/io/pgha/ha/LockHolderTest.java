package io.pgha.ha;

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
import io.pgha.dcs.HistoryEntry;
import io.pgha.ha.Action.Demote;
import io.pgha.ha.Action.DemoteMode;
import io.pgha.ha.Action.PublishMember;
import io.pgha.ha.Action.UpdateLeaderLock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view says I hold the leader key (ha-loop.md §5.5, §5.1, §8). */
class LockHolderTest {
    private static final Cluster HEALTHY = cluster().leader("node1")
            .members(primary("node1", 2000), replica("node2", 2000)).optime(1500).build();

    @Test
    void leaderRenewsItsLockAndPublishesItsPosition() {
        World.Run run = world().run(input("node1", HEALTHY, runningPrimary(2000).build()));

        assertEquals(List.of(new UpdateLeaderLock()), run.probes());
        assertEquals(List.of(new Action.WriteStatus(2000), new Action.ActivateWatchdog(), new PublishMember()),
                run.actions(), "a leader keeps its watchdog armed (a no-op when it is armed or off)");
        assertEquals("no action. I am (node1), the leader with the lock", run.message());
    }

    @Test
    void leaderWhoseRequiredWatchdogFailedDemotesAtOnceAndGivesUpTheKey() {
        World.Run run = world().run(input("node1", HEALTHY, runningPrimary(2000).watchdogFailed(true).build()));

        assertEquals(Demote.of(DemoteMode.IMMEDIATE), run.the(Demote.class));
        assertEquals("Demoting self because watchdog could not be activated", run.message());
    }

    @Test
    void lockHolderNotYetPrimaryWhoseWatchdogFailedReleasesTheKeyInsteadOfPromoting() {
        Cluster mine = cluster().leader("node2").members(replica("node2", 2000)).optime(1500).build();
        World.Run run = world().run(input("node2", mine, runningReplica(2000).watchdogFailed(true).build()));

        assertFalse(run.does(Action.Promote.class));
        assertEquals(new Action.ReleaseLeaderLock(false), run.the(Action.ReleaseLeaderLock.class));
        assertEquals("Not promoting self because watchdog could not be activated", run.message());
    }

    @Test
    void watchdogIsArmedBeforeThePromote() {
        Cluster mine = cluster().leader("node2").members(replica("node2", 2000)).optime(1500).build();
        World.Run run = world().run(input("node2", mine, runningReplica(2000).build()));

        List<Action> actions = run.actions();
        assertTrue(actions.indexOf(new Action.ActivateWatchdog()) >= 0);
        assertTrue(actions.indexOf(new Action.ActivateWatchdog()) < actions.indexOf(new Action.Promote()),
                "a failed activation stops the actions before the promote");
    }

    @Test
    void primaryThatFailsToRenewItsLockDemotesAtOnce() {
        World.Run run = world().leaderUpdate(LockResult.FAILED).run(input("node1", HEALTHY, runningPrimary(2000).build()));

        assertEquals(Demote.of(DemoteMode.IMMEDIATE_NOLOCK), run.the(Demote.class));
        assertFalse(run.does(Action.WriteStatus.class));
        assertEquals("demoted self because failed to update leader lock in DCS", run.message());
    }

    @Test
    void primaryThatCannotReachTheDcsToRenewDemotesOfflineAndDoesNotPublish() {
        World.Run run = world().leaderUpdate(LockResult.DCS_ERROR)
                .run(input("node1", HEALTHY, runningPrimary(2000).build()));

        assertEquals(List.of(Demote.of(DemoteMode.OFFLINE)), run.actions());
        assertEquals("demoted self because DCS is not accessible and I was a leader", run.message());
    }

    @Test
    void primaryThatCannotReadTheViewDemotesOffline() {
        HaInput in = HaInput.dcsUnreachable(HaSettings.of("node1"), "etcd: connection refused",
                runningPrimary(2000).build(), Fixtures.NOW);

        Decision decision = HaDecider.decide(in);

        assertEquals(List.of(Demote.of(DemoteMode.OFFLINE)), decision.actions());
        assertEquals("demoted self because DCS is not accessible and I was a leader", decision.message());
    }

    @Test
    void replicaKeepsStreamingWhenTheDcsIsUnreachable() {
        HaInput in = HaInput.dcsUnreachable(HaSettings.of("node2"), "etcd: timeout", runningReplica(2000).build(),
                Fixtures.NOW);

        Decision decision = HaDecider.decide(in);

        assertEquals(List.of(), decision.actions());
        assertEquals("DCS is not accessible", decision.message());
    }

    @Test
    void theDemoteDeadlineComesBeforeTheLeaseCanExpire() {
        Timings timings = Timings.DEFAULT;
        java.time.Instant renewed = Fixtures.NOW;

        assertEquals(renewed.plusSeconds(30), timings.demoteDeadline(renewed));
        assertTrue(!timings.demoteDeadline(renewed).isAfter(timings.leaseExpiry(renewed)));
        assertEquals(java.time.Duration.ofSeconds(10), timings.leaderUpdateBudget(renewed, renewed.plusSeconds(10)));
        assertEquals(java.time.Duration.ofSeconds(5), timings.leaderUpdateBudget(renewed, renewed.plusSeconds(25)),
                "late in the lease the retry budget shrinks so the demotion still comes in time");
        assertEquals(java.time.Duration.ZERO, timings.leaderUpdateBudget(renewed, renewed.plusSeconds(31)));
    }

    @Test
    void replicaHoldingTheLockPromotes() {
        World.Run run = world().run(input("node1", HEALTHY,
                runningReplica(2000).rewindState(RewindState.NOT_NEED).build()));

        assertTrue(run.does(Action.Promote.class));
        assertEquals(new Action.SetRewindState(RewindState.INITIAL), run.actions().get(0),
                "rewind state is reset before promoting, so the post-promote checkpoint is tracked afresh");
        assertEquals("promoted self to leader because I had the session lock", run.message());
    }

    @Test
    void replicaHoldingTheLockDoesNotPromoteWhenTheRenewalFails() {
        World.Run run = world().leaderUpdate(LockResult.FAILED).run(input("node1", HEALTHY, runningReplica(2000).build()));

        assertFalse(run.does(Action.Promote.class));
        assertEquals("not promoting because failed to update leader lock in DCS", run.message());
    }

    @Test
    void promoteInProgressIsNotStartedTwice() {
        World.Run run = world().run(input("node1", HEALTHY, runningReplica(2000).role(Role.PROMOTED).build()));

        assertFalse(run.does(Action.Promote.class));
        assertEquals("no action. I am (node1), the leader with the lock", run.message());
    }

    @Test
    void newPrimaryOnTimelineTwoWritesTheHistory() {
        Cluster view = cluster().leader("node1").members(primary("node1", 2000)).build();
        World.Run run = world().run(input("node1", view, runningPrimary(2000).timeline(2L).build()));

        assertEquals(new Action.UpdateHistory(2), run.the(Action.UpdateHistory.class));

        Cluster upToDate = cluster().leader("node1").members(primary("node1", 2000))
                .history(new HistoryEntry(1, 1000, "no recovery target specified", "2026-11-25T11:00:00+00:00", "node1"))
                .build();
        assertFalse(world().run(input("node1", upToDate, runningPrimary(2000).timeline(2L).build()))
                .does(Action.UpdateHistory.class));
    }

    @Test
    void leaderRestoresAWipedInitializeAndConfig() {
        Cluster wiped = cluster().leader("node1").initialize(null).noConfig().members(primary("node1", 2000)).build();
        World.Run run = world().run(input("node1", wiped, runningPrimary(2000).build()));

        assertEquals(new Action.WriteInitialize(Fixtures.SYSID, true), run.actions().get(0));
        assertEquals(new Action.WriteConfig(), run.actions().get(1));
        assertEquals("no action. I am (node1), the leader with the lock", run.message());
    }

    @Test
    void leaderWhoseDataDirectoryVanishedReleasesTheKey() {
        LocalState gone = runningPrimary(2000).running(false).dataDirectory(DataDirectory.EMPTY).build();
        World.Run run = world().run(input("node1", HEALTHY, gone));

        assertTrue(run.does(Action.ReleaseLeaderLock.class));
        assertEquals(new Action.SetRole(Role.UNINITIALIZED), run.actions().get(0));
        assertEquals("released leader key voluntarily as data dir empty and currently leader", run.message());
    }
}
