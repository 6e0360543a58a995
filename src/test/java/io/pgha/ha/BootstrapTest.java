package io.pgha.ha;

import static io.pgha.ha.Fixtures.SYSID;
import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.freshNode;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.member;
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
import io.pgha.ha.Action.CloneFrom;
import io.pgha.ha.Action.TakeInitializeKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Data directory checks, the initialize race, cloning, post-bootstrap (ha-loop.md §5.2, §14). */
class BootstrapTest {
    private static final Cluster NOTHING = cluster().initialize(null).noConfig().noHistory().build();
    private static final CloneMethods RESTORE = new CloneMethods(List.of("pgbackrest", "basebackup"), Set.of("pgbackrest"));

    @Test
    void firstNodeWinsTheInitializeRaceAndBootstraps() {
        World.Run run = world().run(input("node1", NOTHING, freshNode().build()));

        assertEquals(List.of(new TakeInitializeKey()), run.probes());
        assertEquals(List.of(new Action.Bootstrap(), new Action.PublishMember()), run.actions());
        assertEquals("trying to bootstrap a new cluster", run.message());
    }

    @Test
    void nodeThatLosesTheInitializeRaceWaits() {
        World.Run run = world().initializeRace(LockResult.FAILED).run(input("node2", NOTHING, freshNode().build()));

        assertFalse(run.does(Action.Bootstrap.class));
        assertEquals("failed to acquire initialize lock", run.message());
    }

    @Test
    void nofailoverNodeNeverInitializesANewCluster() {
        HaSettings me = HaSettings.of("node3").withTags(Tags.NONE.withNoFailover(true));
        World.Run run = world().run(input(me, NOTHING, freshNode().build()));

        assertTrue(run.probes().isEmpty());
        assertEquals("waiting for leader to bootstrap", run.message());
    }

    @Test
    void nodeWithoutBootstrapSectionWaitsForALeader() {
        HaSettings me = HaSettings.of("node3").withBootstrap(false);

        assertEquals("waiting for leader to bootstrap", world().run(input(me, NOTHING, freshNode().build())).message());
    }

    @Test
    void bootstrapInProgressElsewhereMeansWaiting() {
        Cluster initializing = cluster().initialize("").build();
        HaSettings me = HaSettings.of("node2").withCloneMethods(RESTORE);

        World.Run run = world().run(input(me, initializing, freshNode().build()));
        assertTrue(run.probes().isEmpty());
        assertEquals("waiting for leader to bootstrap", run.message(),
                "no clone without a leader while someone bootstraps");
    }

    @Test
    void emptyNodeClonesFromTheLeader() {
        Cluster led = cluster().leader("node1").members(primary("node1", 2000), replica("node2", 2000)).build();
        World.Run run = world().run(input("node3", led, freshNode().build()));

        assertEquals(new CloneFrom(upstream("node1"), true, List.of("basebackup")), run.the(CloneFrom.class));
        assertEquals("bootstrap from leader 'node1'", run.the(CloneFrom.class).taskName());
        assertEquals("trying to bootstrap from leader 'node1'", run.message());
    }

    @Test
    void emptyNodePrefersARunningReplicaTaggedClonefrom() {
        Cluster led = cluster().leader("node1").members(primary("node1", 2000),
                replica("node2", 2000, Map.of("clonefrom", true)),
                member("node4", "replica", "stopped", null, null, Map.of("clonefrom", true))).build();
        World.Run run = world().run(input("node3", led, freshNode().build()));

        assertEquals(new CloneFrom(upstream("node2"), false, List.of("basebackup")), run.the(CloneFrom.class));
        assertEquals("trying to bootstrap from replica 'node2'", run.message());
    }

    @Test
    void clonefromTagOnAStoppedMemberIsIgnored() {
        Cluster led = cluster().leader("node1").members(primary("node1", 2000),
                member("node4", "replica", "stopped", null, null, Map.of("clonefrom", true))).build();

        assertEquals(new CloneFrom(upstream("node1"), true, List.of("basebackup")),
                world().run(input("node3", led, freshNode().build())).the(CloneFrom.class));
    }

    @Test
    void withoutLeaderANoLeaderReplicaMethodClonesFromBackups() {
        Cluster leaderless = cluster().members(replica("node2", 2000)).build();
        HaSettings me = HaSettings.of("node3").withCloneMethods(RESTORE);
        World.Run run = world().run(input(me, leaderless, freshNode().build()));

        assertEquals(new CloneFrom(null, false, List.of("pgbackrest", "basebackup")), run.the(CloneFrom.class));
        assertEquals("trying to bootstrap (without leader)", run.message());
    }

    @Test
    void emptyDataDirectoryInPauseIsLeftAlone() {
        World.Run run = world().run(input("node1", cluster().initialize(null).paused().build(), freshNode().build()));

        assertTrue(run.probes().isEmpty());
        assertEquals("PAUSE: running with empty data directory", run.message());
    }

    @Test
    void inaccessibleDataDirectoryIsReported() {
        LocalState local = freshNode().dataDirectory(DataDirectory.INACCESSIBLE)
                .dataDirectoryError("[Errno 13] Permission denied: '/data'").build();

        assertEquals("data directory is not accessible: [Errno 13] Permission denied: '/data'",
                world().run(input("node1", NOTHING, local)).message());
    }

    @Test
    void dataDirectoryWithoutValidSysidAsksForReinitialize() {
        LocalState local = runningReplica(2000).running(false).sysid("123").build();

        assertEquals("data dir for the cluster is not empty, but system ID is invalid; consider doing reinitialize",
                world().run(input("node2", cluster().leader("node1").members(primary("node1", 1)).build(), local))
                        .message());
    }

    @Test
    void nodeOfAnotherClusterExits() {
        Cluster other = cluster().leader("node1").initialize("7000000000000000001").members(primary("node1", 1)).build();
        World.Run run = world().run(input("node2", other, runningReplica(2000).build()));

        Action.Fatal fatal = run.the(Action.Fatal.class);
        assertEquals("system ID mismatch, node node2 belongs to a different cluster: 7000000000000000001 != " + SYSID,
                fatal.message());
        assertFalse(fatal.leavePostgresRunning());
        assertFalse(run.does(Action.PublishMember.class));
    }

    @Test
    void sysidMismatchInPauseReleasesTheKeyInsteadOfExiting() {
        Cluster other = cluster().leader("node1").initialize("7000000000000000001").paused()
                .members(primary("node1", 1)).build();
        World.Run run = world().run(input("node1", other, runningPrimary(2000).build()));

        assertFalse(run.does(Action.Fatal.class));
        assertTrue(run.does(Action.ReleaseLeaderLock.class));
        assertEquals("PAUSE: released leader key voluntarily due to the system ID mismatch", run.message());
    }

    @Test
    void existingPrimaryAdoptedIntoAnEmptyDcsWritesInitializeAndTakesTheLock() {
        Cluster empty = cluster().initialize(null).build();
        LocalState adopted = runningPrimary(2000).holdsLeaderKey(false).announced(false).build();
        World.Run run = world().run(input("node1", empty, adopted));

        assertEquals(new Action.WriteInitialize(SYSID, true), run.actions().get(0));
        assertTrue(run.asked(Action.AcquireLeaderLock.class));
        assertEquals("acquired session lock as a leader", run.message());
        assertTrue(run.does(Action.MarkAnnounced.class));
    }

    @Test
    void runningReplicaWithoutInitializeKeyAbortsAndLeavesPostgresRunning() {
        LocalState replica = runningReplica(2000).announced(false).build();
        World.Run run = world().run(input("node2", cluster().initialize(null).build(), replica));

        Action.Fatal fatal = run.the(Action.Fatal.class);
        assertEquals("No initialize key in DCS and PostgreSQL is running as replica, aborting start", fatal.message());
        assertTrue(fatal.leavePostgresRunning());
    }

    @Test
    void bootstrappedPrimaryRunsPostBootstrap() {
        LocalState bootstrapped = runningPrimary(0).holdsLeaderKey(false).role(Role.UNINITIALIZED)
                .bootstrapping(true).build();
        World.Run run = world().run(input("node1", cluster().initialize("").build(), bootstrapped));

        assertEquals(List.of(new Action.SetRole(Role.PRIMARY), new Action.RunPostBootstrap(), new Action.PublishMember()),
                run.actions());
        assertEquals("running post_bootstrap", run.message());

        LocalState stillRecovering = bootstrapped.toBuilder().inRecovery(true).build();
        assertEquals("waiting for end of recovery after bootstrap",
                world().run(input("node1", cluster().initialize("").build(), stillRecovering)).message());
    }

    @Test
    void restoredClusterStillInPointInTimeRecoveryWaitsForTheEndOfRecovery() {
        // hot_standby is off during the recovery: the postmaster runs but answers no query yet
        LocalState recovering = runningPrimary(0).holdsLeaderKey(false).role(Role.UNINITIALIZED).bootstrapping(true)
                .state(PostgresState.STARTING_AFTER_CUSTOM_BOOTSTRAP).inRecovery(true).controlState("in archive recovery")
                .announced(false).build();
        World.Run run = world().run(input("node1", cluster().initialize("").build(), recovering));

        assertEquals("waiting for end of recovery after bootstrap", run.message());
        assertEquals(List.of(new Action.PublishMember()), run.actions(), "no role, no leader key, no post_bootstrap yet");
    }

    @Test
    void restoredClusterRunsPostBootstrapOnceItsRecoveryEndedInAPromotion() {
        LocalState promoted = runningPrimary(0).holdsLeaderKey(false).role(Role.UNINITIALIZED).bootstrapping(true)
                .timeline(2L).announced(false).build();
        World.Run run = world().run(input("node1", cluster().initialize("").build(), promoted));

        assertEquals(List.of(new Action.SetRole(Role.PRIMARY), new Action.RunPostBootstrap(), new Action.PublishMember()),
                run.actions());
        assertEquals("running post_bootstrap", run.message());
    }

    @Test
    void failedCustomBootstrapCommandReleasesTheInitializeKeyAndMovesTheDataAside() {
        LocalState failed = freshNode().state(PostgresState.CUSTOM_BOOTSTRAP_FAILED).bootstrapping(true)
                .bootstrapResult(false).build();
        World.Run run = world().run(input("node1", cluster().initialize("").build(), failed));

        assertEquals(List.of(new Action.DeleteInitialize(), new Action.StopPostgres(Action.StopMode.IMMEDIATE, false),
                new Action.MoveDataDirectoryAside(), new Action.Fatal("Failed to bootstrap cluster", false)),
                run.actions());
    }

    @Test
    void restoredServerThatDiedDuringItsRecoveryCancelsTheBootstrap() {
        // e.g. a restore_command that cannot find the WAL the backup needs: the postmaster exits
        LocalState died = freshNode().dataDirectory(DataDirectory.INITIALIZED).sysid(SYSID).state(PostgresState.CRASHED)
                .bootstrapping(true).build();
        World.Run run = world().run(input("node1", cluster().initialize("").build(), died));

        assertTrue(run.does(Action.DeleteInitialize.class));
        assertTrue(run.does(Action.MoveDataDirectoryAside.class));
        assertEquals("Failed to bootstrap cluster", run.the(Action.Fatal.class).message());
    }

    @Test
    void serverStartingAfterCustomBootstrapIsNotYetAPrimary() {
        LocalState starting = runningPrimary(0).state(PostgresState.STARTING_AFTER_CUSTOM_BOOTSTRAP).build();
        assertFalse(starting.postgres().isPrimary(), "a promotion at the recovery target is only trusted once it accepts queries");
        assertTrue(PostgresState.STARTING_AFTER_CUSTOM_BOOTSTRAP.isStarting());
        assertTrue(PostgresState.STARTING_AFTER_CUSTOM_BOOTSTRAP.countsAsCrashed());
    }

    @Test
    void successfulPostBootstrapPublishesTheClusterAndTakesTheLeaderKey() {
        LocalState done = runningPrimary(0).holdsLeaderKey(false).bootstrapping(true).bootstrapResult(true)
                .announced(false).build();
        World.Run run = world().run(input("node1", cluster().initialize("").noConfig().build(), done));

        assertEquals(List.of(new Action.FinishBootstrap(), new Action.WriteInitialize(SYSID, false),
                new Action.WriteConfig(), new Action.TakeLeaderKey(), new Action.MarkAnnounced(),
                new Action.PublishMember()), run.actions());
        assertEquals("initialized a new cluster", run.message());
    }

    @Test
    void failedBootstrapRemovesTheInitializeKeyAndExits() {
        LocalState failed = freshNode().dataDirectory(DataDirectory.INITIALIZED).bootstrapping(true)
                .bootstrapResult(false).build();
        World.Run run = world().run(input("node1", cluster().initialize("").build(), failed));

        assertEquals(List.of(new Action.DeleteInitialize(), new Action.StopPostgres(Action.StopMode.IMMEDIATE, false),
                new Action.MoveDataDirectoryAside(), new Action.Fatal("Failed to bootstrap cluster", false)),
                run.actions());
    }

    @Test
    void bootstrapWinnerNeverOverwritesALeaderKeyThatAppearedMeanwhile() {
        LocalState done = runningPrimary(0).holdsLeaderKey(false).bootstrapping(true).bootstrapResult(true).build();
        Cluster taken = cluster().initialize("").leader("node9").members(primary("node9", 1)).build();
        World.Run run = world().run(input("node1", taken, done));

        assertFalse(run.does(Action.TakeLeaderKey.class));
        assertFalse(run.does(Action.WriteInitialize.class));
        assertEquals("not taking the leader key after bootstrap: node9 holds it", run.message());
    }
}
