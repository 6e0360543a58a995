package io.pgha.ha;

import static io.pgha.ha.Fixtures.NOW;
import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningPrimary;
import static io.pgha.ha.Fixtures.runningReplica;
import static io.pgha.ha.Fixtures.upstream;
import static io.pgha.ha.World.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Maintenance mode: no automatic actions, but members are still published (ha-loop.md §20). */
class PauseTest {
    private static final Cluster PAUSED_LED = cluster().leader("node1").paused()
            .members(primary("node1", 2000), replica("node2", 2000)).build();
    private static final Cluster PAUSED_UNLOCKED = cluster().paused().members(replica("node2", 2000)).build();

    @Test
    void pausedReplicaNeverRacesForAnUnlockedCluster() {
        World.Run run = world().run(input("node2", PAUSED_UNLOCKED, runningReplica(9000).build()));

        assertTrue(run.probes().isEmpty());
        assertEquals(List.of(new Action.PublishMember()), run.actions());
        assertEquals("PAUSE: no action. I am (node2)", run.message());
    }

    @Test
    void pausedPrimaryWithoutKeyTakesTheFreeLock() {
        World.Run run = world().run(input("node1", PAUSED_UNLOCKED, runningPrimary(2000).holdsLeaderKey(false).build()));

        assertTrue(run.asked(Action.AcquireLeaderLock.class));
        assertEquals("PAUSE: acquired session lock as a leader", run.message());
    }

    @Test
    void pausedPrimaryOfAnotherSystemDoesNotTakeTheLock() {
        Cluster other = cluster().paused().initialize("7000000000000000001").build();
        World.Run run = world().run(input("node1", other, runningPrimary(2000).holdsLeaderKey(false).build()));

        assertFalse(run.asked(Action.AcquireLeaderLock.class));
        assertEquals("PAUSE: continue to run as primary without lock", run.message());
        assertFalse(run.does(Action.Demote.class));
    }

    @Test
    void pausedPrimaryFailingToRenewKeepsRunning() {
        World.Run run = world().leaderUpdate(LockResult.FAILED).run(input("node1", PAUSED_LED, runningPrimary(2000).build()));

        assertFalse(run.does(Action.Demote.class));
        assertEquals("PAUSE: continue to run as primary after failing to update leader lock in DCS", run.message());
    }

    @Test
    void pausedLeaderNeitherArmsItsWatchdogNorStepsDownForIt() {
        World.Run run = world().run(input("node1", PAUSED_LED, runningPrimary(2000).watchdogFailed(true).build()));

        assertFalse(run.does(Action.ActivateWatchdog.class));
        assertFalse(run.does(Action.Demote.class));
        assertFalse(run.does(Action.ReleaseLeaderLock.class));
    }

    @Test
    void pausedPrimaryIsNotDemotedWhenTheDcsIsUnreachable() {
        HaSettings me = HaSettings.of("node1").withDynamicConfig(new DynamicConfig(Map.of("pause", true), 3, true));
        Decision decision = HaDecider.decide(HaInput.dcsUnreachable(me, "etcd: timeout", runningPrimary(2000).build(), NOW));

        assertEquals(List.of(), decision.actions());
        assertEquals("PAUSE: DCS is not accessible", decision.message());
    }

    @Test
    void pausedPrimaryWithoutLockElsewhereIsOnlyWarnedAbout() {
        World.Run run = world().run(input("node2", PAUSED_LED, runningPrimary(2000).build()));

        assertFalse(run.does(Action.Demote.class));
        assertEquals("PAUSE: continue to run as primary without lock", run.message());
    }

    @Test
    void stoppedPostgresIsNotStartedWhilePaused() {
        LocalState stopped = runningReplica(2000).running(false).state(PostgresState.STOPPED).build();
        World.Run run = world().run(input("node2", PAUSED_LED, stopped));

        assertFalse(run.does(Action.StartPostgres.class));
        assertEquals(List.of(new Action.PublishMember()), run.actions());
        assertEquals("PAUSE: postgres is not running", run.message());
    }

    @Test
    void leaderWhosePostgresStoppedWhilePausedReleasesTheKey() {
        LocalState stopped = runningPrimary(2000).running(false).state(PostgresState.STOPPED).build();
        World.Run run = world().run(input("node1", PAUSED_LED, stopped));

        assertTrue(run.does(Action.ReleaseLeaderLock.class));
        assertEquals("PAUSE: removed leader lock because postgres is not running", run.message());
    }

    @Test
    void demotedPrimaryIsRestartedWhilePausedOnceItsRewindSucceeded() {
        LocalState rewound = runningReplica(2000).running(false).state(PostgresState.STOPPED)
                .rewindState(RewindState.SUCCESS).build();
        World.Run run = world().run(input("node2", PAUSED_LED, rewound));

        assertEquals(new Action.StartPostgres(Role.REPLICA, upstream("node1"), "node2", null, "restarting after failure"),
                run.the(Action.StartPostgres.class));
    }

    @Test
    void lockHolderThatIsNoLongerPrimaryReleasesTheKeyWhilePaused() {
        World.Run run = world().run(input("node1", PAUSED_LED, runningReplica(2000).build()));

        assertTrue(run.does(Action.ReleaseLeaderLock.class));
        assertEquals("PAUSE: removed leader lock because postgres is not running as primary", run.message());
    }

    @Test
    void replicasStillFollowANewLeaderWhilePaused() {
        World.Run run = world().run(input("node2", PAUSED_LED, runningReplica(2000).upstream(upstream("node9")).build()));

        assertEquals(new Action.Follow(upstream("node1"), "node2"), run.the(Action.Follow.class));
        assertEquals("PAUSE: no action. I am (node2), a secondary, and following a leader (node1)", run.message());
    }

    @Test
    void pausedDemotedNodeIsFirstCalledAReplicaSoItsRepointingIsAReloadNotARoleChange() {
        World.Run run = world().run(input("node2", PAUSED_LED,
                runningReplica(2000).role(Role.DEMOTED).upstream(upstream("node9")).build()));

        assertTrue(run.actions().contains(new Action.SetRole(Role.REPLICA)));
        assertEquals(new Action.Follow(upstream("node1"), "node2", false), run.the(Action.Follow.class));
    }

    @Test
    void pausedCandidateOfAManualFailoverTakesTheLockAndPromotes() {
        Cluster paused = cluster().paused().failover(null, "node2", null).members(replica("node2", 2000)).build();
        World.Run run = world().run(input("node2", paused, runningReplica(2000).build()));

        assertTrue(run.does(Action.Promote.class));
        assertEquals("PAUSE: promoted self to leader by acquiring session lock", run.message());
    }

    @Test
    void pausedNodeWithoutLockShutsDownLeavingPostgresAndKey() {
        LocalState stopping = runningPrimary(2000).shuttingDown(true).build();
        Decision decision = HaDecider.decide(input("node1", PAUSED_LED, stopping));

        assertEquals(List.of(), decision.actions());
        assertEquals("Leader key is not deleted and Postgresql is not stopped due paused state", decision.message());
    }
}
