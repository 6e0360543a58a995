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
import io.pgha.ha.Action.Demote;
import io.pgha.ha.Action.DemoteMode;
import io.pgha.ha.Action.StartPostgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL is down or (re)starting (ha-loop.md §5.3, §5.8, §5.9, §13). */
class RecoveryTest {
    private static final Cluster LED_BY_NODE1 = cluster().leader("node1")
            .members(primary("node1", 2000), replica("node2", 2000)).optime(2000).build();

    private static LocalState crashedPrimary() {
        return runningPrimary(2000).running(false).state(PostgresState.CRASHED).controlState("in production").build();
    }

    private static Cluster withStartTimeout(int seconds) {
        return cluster().leader("node1").config("primary_start_timeout", seconds)
                .members(primary("node1", 2000), replica("node2", 2000)).optime(2000).build();
    }

    @Test
    void stoppedReplicaIsStartedFollowingTheLeader() {
        LocalState stopped = runningReplica(2000).running(false).state(PostgresState.STOPPED)
                .controlState("shut down in recovery").build();
        World.Run run = world().run(input("node2", LED_BY_NODE1, stopped));

        assertEquals(new StartPostgres(Role.REPLICA, upstream("node1"), "node2", null, "restarting after failure"),
                run.the(StartPostgres.class));
        assertEquals("starting as a secondary", run.message());
    }

    @Test
    void crashedPrimaryHoldingTheLockIsRestartedAsPrimaryWithinPrimaryStartTimeout() {
        World.Run run = world().run(input("node1", LED_BY_NODE1, crashedPrimary()));

        assertEquals(List.of(new Action.UpdateLeaderLock()), run.probes());
        assertEquals(new StartPostgres(Role.PRIMARY, null, null, Duration.ofSeconds(300), "starting primary after failure"),
                run.the(StartPostgres.class));
        assertEquals("starting primary after failure", run.message());
    }

    @Test
    void crashedPrimaryWithZeroStartTimeoutHandsOverToAHealthyReplica() {
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1))
                .run(input("node1", withStartTimeout(0), crashedPrimary()));

        assertEquals(List.of(Demote.of(DemoteMode.IMMEDIATE), new Action.PublishMember()), run.actions());
        assertEquals("stopped PostgreSQL to fail over after a crash", run.message());
    }

    @Test
    void crashedPrimaryWithZeroStartTimeoutAndNoCandidateStartsReadOnlyKeepingTheLock() {
        World.Run run = world().run(input("node1", withStartTimeout(0), crashedPrimary()));

        assertEquals(new StartPostgres(Role.REPLICA, null, null, Duration.ZERO, "restarting after failure"),
                run.the(StartPostgres.class));
        assertFalse(run.does(Action.ReleaseLeaderLock.class));
        assertEquals("starting as readonly because i had the session lock", run.message());
    }

    @Test
    void laggingReplicaIsNoCandidateForAFailoverAfterACrash() {
        Cluster farAhead = cluster().leader("node1").config("primary_start_timeout", 0)
                .members(primary("node1", 5_000_000), replica("node2", 1_000_000)).optime(5_000_000).build();
        World.Run run = world().peer(PeerStatus.replica("node2", 1_000_000, 1))
                .run(input("node1", farAhead, crashedPrimary()));

        assertFalse(run.does(Demote.class));
    }

    @Test
    void crashedPrimaryThatLostTheLockStartsAsAReplica() {
        World.Run run = world().leaderUpdate(LockResult.FAILED).run(input("node1", LED_BY_NODE1,
                runningPrimary(2000).running(false).state(PostgresState.CRASHED).controlState("shut down").build()));

        StartPostgres start = run.the(StartPostgres.class);
        assertEquals(Role.REPLICA, start.role());
        assertEquals("starting as a secondary", run.message());
    }

    @Test
    void uncleanlyStoppedPrimaryInAnUnlockedClusterRunsSingleUserCrashRecoveryFirst() {
        Cluster unlocked = cluster().members(replica("node2", 2000)).build();
        LocalState local = runningPrimary(2000).running(false).state(PostgresState.CRASHED).holdsLeaderKey(false)
                .controlState("in production").build();
        World.Run run = world().run(input("node1", unlocked, local));

        assertEquals(List.of(new Action.CrashRecovery(), new Action.PublishMember()), run.actions());
        assertEquals("doing crash recovery in a single user mode", run.message());

        LocalState afterRecovery = local.toBuilder().crashRecoveryStartedAt(NOW.minusSeconds(5)).build();
        assertTrue(world().run(input("node1", unlocked, afterRecovery)).does(StartPostgres.class),
                "crash recovery runs once; then PostgreSQL starts");
    }

    @Test
    void backupLabelSkipsSingleUserCrashRecovery() {
        Cluster unlocked = cluster().members(replica("node2", 2000)).build();
        LocalState restored = runningReplica(2000).running(false).state(PostgresState.STOPPED)
                .controlState("in production").restoredFromBackup(true).build();

        assertFalse(world().run(input("node2", unlocked, restored)).does(Action.CrashRecovery.class));
    }

    @Test
    void leaderWhosePostgresFailedToStartReleasesTheKey() {
        LocalState failed = crashedPrimary().toBuilder().recovering(true).state(PostgresState.START_FAILED).build();
        World.Run run = world().run(input("node1", LED_BY_NODE1, failed));

        assertEquals(List.of(new Action.ForgetStartAttempt(), new Action.SetRole(Role.DEMOTED),
                new Action.ReleaseLeaderLock(false), new Action.PublishMember()), run.actions());
        assertEquals("removed leader key after trying and failing to start postgres", run.message());
    }

    @Test
    void replicaWhosePostgresFailedToStartWaits() {
        LocalState failed = runningReplica(2000).running(false).state(PostgresState.START_FAILED).recovering(true).build();
        World.Run run = world().run(input("node2", LED_BY_NODE1, failed));

        assertFalse(run.does(StartPostgres.class));
        assertEquals("failed to start postgres", run.message());
    }

    @Test
    void successfulStartClearsTheCrashRecoveryTimer() {
        LocalState started = runningReplica(2000).upstream(upstream("node1")).recovering(true)
                .crashRecoveryStartedAt(NOW.minusSeconds(60)).build();
        World.Run run = world().run(input("node2", LED_BY_NODE1, started));

        assertEquals(List.of(new Action.ForgetStartAttempt(), new Action.ResetCrashRecovery(), new Action.PublishMember()),
                run.actions());
    }

    @Test
    void primaryStartingWithinTheTimeoutKeepsTheLock() {
        LocalState starting = runningPrimary(2000).state(PostgresState.STARTING).stateSince(NOW.minusSeconds(180)).build();
        World.Run run = world().run(input("node1", LED_BY_NODE1, starting));

        assertEquals(List.of(new Action.PublishMember()), run.actions());
        assertEquals("PostgreSQL is still starting up, 120 seconds until timeout", run.message());
    }

    @Test
    void primaryStartingPastTheTimeoutIsStoppedWhenSomeoneCanTakeOver() {
        LocalState starting = runningPrimary(2000).state(PostgresState.STARTING).stateSince(NOW.minusSeconds(301)).build();
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1)).run(input("node1", LED_BY_NODE1, starting));

        assertEquals(Demote.of(DemoteMode.IMMEDIATE), run.the(Demote.class));
        assertEquals("stopped PostgreSQL because of startup timeout", run.message());

        World.Run alone = world().run(input("node1", LED_BY_NODE1, starting));
        assertFalse(alone.does(Demote.class));
        assertEquals("primary start has timed out, but continuing to wait because failover is not possible",
                alone.message());
    }

    @Test
    void primaryStartingWithALostLockIsStopped() {
        LocalState starting = runningPrimary(2000).state(PostgresState.STARTING).stateSince(NOW.minusSeconds(10)).build();
        World.Run run = world().leaderUpdate(LockResult.FAILED).run(input("node1", LED_BY_NODE1, starting));

        assertEquals(Demote.of(DemoteMode.IMMEDIATE_NOLOCK), run.the(Demote.class));
        assertEquals("stopped PostgreSQL while starting up because leader key was lost", run.message());
    }

    @Test
    void leaderKeepsItsLockDuringALongTask() {
        LocalState busy = runningPrimary(2000)
                .task(AsyncTask.of(AsyncTask.Kind.RESTART, "restart", NOW.minusSeconds(5))).build();
        World.Run run = world().run(input("node1", LED_BY_NODE1, busy));

        assertEquals(List.of(new Action.UpdateLeaderLock()), run.probes());
        assertEquals("updated leader lock during restart", run.message());
    }

    @Test
    void crashRecoveryThatOutlastsTheStartTimeoutIsCancelledWhenFailoverIsPossible() {
        LocalState recovering = runningPrimary(2000).running(false).crashRecoveryStartedAt(NOW.minusSeconds(301))
                .task(AsyncTask.of(AsyncTask.Kind.CRASH_RECOVERY, "doing crash recovery in a single user mode",
                        NOW.minusSeconds(301))).build();
        World.Run run = world().peer(PeerStatus.replica("node2", 2000, 1)).run(input("node1", LED_BY_NODE1, recovering));

        assertEquals(List.of(new Action.CancelTask(), Demote.of(DemoteMode.IMMEDIATE), new Action.PublishMember()),
                run.actions());
        assertEquals("terminated crash recovery because of startup timeout", run.message());
    }

    @Test
    void primaryThatLostTheLockDuringARestartKillsItAndDemotes() {
        Cluster ledByNode2 = cluster().leader("node2").members(primary("node2", 2000), replica("node1", 2000)).build();
        LocalState restarting = runningPrimary(2000)
                .task(AsyncTask.of(AsyncTask.Kind.RESTART, "restart", NOW.minusSeconds(5))).build();
        World.Run run = world().run(input("node1", ledByNode2, restarting));

        assertEquals(List.of(new Action.CancelTask(), Demote.of(DemoteMode.IMMEDIATE_NOLOCK), new Action.PublishMember()),
                run.actions());
        assertEquals("lost leader lock during restart", run.message());
    }

    @Test
    void promoteStillCancellableIsCancelledWhenTheLockIsGone() {
        Cluster unlocked = cluster().members(replica("node2", 2000)).build();
        LocalState promoting = runningReplica(2000)
                .task(AsyncTask.of(AsyncTask.Kind.PROMOTE, "promote", NOW.minusSeconds(1))).build();

        World.Run run = world().run(input("node2", unlocked, promoting));
        assertEquals(List.of(new Action.CancelTask(), new Action.PublishMember()), run.actions());
        assertEquals("lost leader before promote", run.message());

        LocalState critical = promoting.toBuilder()
                .task(new AsyncTask("promote", AsyncTask.Kind.PROMOTE, NOW.minusSeconds(1), true)).build();
        assertEquals("promote in progress", world().run(input("node2", unlocked, critical)).message());
    }
}
