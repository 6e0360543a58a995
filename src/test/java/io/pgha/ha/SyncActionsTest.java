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
import io.pgha.ha.Action.PublishMember;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the decider asks the agent to manage synchronous replication (ha-loop.md §15, §8). */
class SyncActionsTest {

    private static Fixtures.ClusterBuilder healthy() {
        return cluster().leader("node1").members(primary("node1", 2000), replica("node2", 2000)).optime(1500);
    }

    @Test
    void aPrimaryHoldingTheLockManagesSyncEveryCycleInSynchronousMode() {
        Cluster c = healthy().config("synchronous_mode", true).build();
        World.Run run = world().run(input("node1", c, runningPrimary(2000).build()));
        assertEquals(List.of(new Action.WriteStatus(2000), new Action.ActivateWatchdog(), new Action.ManageSync(),
                new PublishMember()), run.actions());
    }

    @Test
    void aLeftoverSyncKeyIsManagedAwayWhenTheModeIsOff() {
        Cluster c = healthy().sync("node1", List.of("node2"), 0).build();
        assertTrue(world().run(input("node1", c, runningPrimary(2000).build())).does(Action.ManageSync.class));
    }

    @Test
    void withoutSynchronousModeNothingIsManaged() {
        World.Run run = world().run(input("node1", healthy().build(), runningPrimary(2000).build()));
        assertFalse(run.does(Action.ManageSync.class));
    }

    @Test
    void aStandbyClusterIgnoresSynchronousMode() {
        Cluster c = healthy().config("synchronous_mode", true)
                .config("standby_cluster", java.util.Map.of("host", "10.0.0.9")).build();
        assertFalse(SyncSettings.from(c.config()).enabled());
    }

    @Test
    void theSyncStateIsPreparedRightBeforePromoting() {
        Cluster c = cluster().leader("node2").members(primary("node1", 2000), replica("node2", 2000))
                .config("synchronous_mode", true).sync("node1", List.of("node2"), 0).build();
        World.Run run = world().run(input("node2", c, runningReplica(2000).holdsLeaderKey(true).build()));
        List<Action> actions = run.actions();
        int prepare = actions.indexOf(new Action.PrepareSyncForPromotion());
        assertTrue(prepare >= 0, actions.toString());
        assertEquals(new Action.Promote(), actions.get(prepare + 1));
    }

    @Test
    void aPromotionOutsideSynchronousModePreparesNothing() {
        Cluster c = cluster().leader("node2").members(primary("node1", 2000), replica("node2", 2000)).build();
        World.Run run = world().run(input("node2", c, runningReplica(2000).holdsLeaderKey(true).build()));
        assertTrue(run.does(Action.Promote.class), run.actions().toString());
        assertFalse(run.does(Action.PrepareSyncForPromotion.class));
    }
}
