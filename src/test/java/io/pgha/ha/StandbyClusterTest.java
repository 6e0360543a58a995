package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.freshNode;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.member;
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
import io.pgha.dcs.Member;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standby clusters (ha-loop.md §21, §14.4, §10.1): the standby leader follows the remote primary. */
class StandbyClusterTest {
    private static final Map<String, Object> SECTION = Map.of("host", "10.0.0.9", "port", 5433,
            "primary_slot_name", "Standby-B", "restore_command", "cp /archive/%f %p",
            "recovery_min_apply_delay", "5min");
    private static final Upstream REMOTE = new Upstream("remote_member", "postgres://10.0.0.9:5433/postgres", true,
            Map.of("restore_command", "cp /archive/%f %p", "recovery_min_apply_delay", "5min"));

    private static Member standbyLeader(String name) {
        return member(name, "standby_leader", "running", 3000L, 1, Map.of());
    }

    private static Cluster standbyLedBy(String leader) {
        return cluster().config("standby_cluster", SECTION).leader(leader)
                .members(standbyLeader("node1"), replica("node2", 3000)).build();
    }

    private static LocalState.Builder standbyLeaderState() {
        return runningReplica(3000).role(Role.STANDBY_LEADER).holdsLeaderKey(true).upstream(REMOTE);
    }

    @Test
    void remotePrimaryComesFromTheStandbyClusterSection() {
        StandbyClusterConfig config = StandbyClusterConfig.from(standbyLedBy("node1").config());

        assertTrue(config.active());
        assertEquals(REMOTE, Upstream.remote(config));
        assertFalse(StandbyClusterConfig.from(new DynamicConfig(Map.of("standby_cluster", Map.of("host", "")), 1, true))
                .active());
    }

    @Test
    void standbyLeaderWithTheLockFollowsTheRemotePrimaryAndNeverPromotes() {
        World.Run run = world().run(input("node1", standbyLedBy("node1"), standbyLeaderState().build()));

        assertTrue(run.asked(Action.UpdateLeaderLock.class));
        assertFalse(run.does(Action.Promote.class));
        assertFalse(run.does(Action.Follow.class));
        assertEquals("no action. I am (node1), the standby leader with the lock", run.message());
    }

    @Test
    void replicaHoldingTheLockBecomesStandbyLeaderStreamingThroughPrimarySlotName() {
        World.Run run = world().run(input("node1", standbyLedBy("node1"),
                runningReplica(3000).upstream(upstream("node2")).build()));

        assertEquals(new Action.Follow(REMOTE, "standby_b", true), run.the(Action.Follow.class),
                "replica -> standby_leader is announced as on_role_change, as Patroni's follow() does");
        assertTrue(run.actions().contains(new Action.SetRole(Role.STANDBY_LEADER)));
        assertEquals("promoted self to a standby leader because i had the session lock", run.message());
    }

    @Test
    void withoutPrimarySlotNameTheStandbyLeaderStreamsWithoutASlot() {
        Map<String, Object> section = new LinkedHashMap<>(SECTION);
        section.remove("primary_slot_name");
        Cluster view = cluster().config("standby_cluster", section).leader("node1")
                .members(standbyLeader("node1"), replica("node2", 3000)).build();

        World.Run run = world().run(input("node1", view, runningReplica(3000).build()));

        assertEquals(null, run.the(Action.Follow.class).slotName());
    }

    @Test
    void membersFollowTheStandbyLeaderWithTheSectionsRestoreCommand() {
        World.Run run = world().run(input("node2", standbyLedBy("node1"),
                runningReplica(3000).upstream(REMOTE).build()));

        Action.Follow follow = run.the(Action.Follow.class);
        assertEquals("node1", follow.upstream().name());
        assertFalse(follow.upstream().remote());
        assertEquals(Map.of("restore_command", "cp /archive/%f %p"), follow.upstream().recovery());
        assertEquals("node2", follow.slotName());
        assertEquals("no action. I am (node2), a secondary, and following a standby leader (node1)", run.message());
    }

    @Test
    void withoutLeaderTheHealthiestReplicaTakesTheLockAsStandbyLeader() {
        Cluster unlocked = cluster().config("standby_cluster", SECTION)
                .members(replica("node1", 3000), replica("node2", 2000)).build();

        World.Run run = world().peer(PeerStatus.unreachable("node2"))
                .run(input("node1", unlocked, runningReplica(3000).upstream(upstream("node2")).build()));

        assertTrue(run.asked(Action.AcquireLeaderLock.class));
        assertFalse(run.does(Action.Promote.class));
        assertEquals(new Action.Follow(REMOTE, "standby_b", true), run.the(Action.Follow.class));
        assertTrue(run.actions().contains(new Action.SetRole(Role.STANDBY_LEADER)));
        assertEquals("promoted self to a standby leader by acquiring session lock", run.message());
    }

    @Test
    void raceWinnerAlreadyStreamingFromTheRemotePrimaryAnnouncesItsNewRoleWithoutTouchingPostgres() {
        Cluster unlocked = cluster().config("standby_cluster", SECTION)
                .members(replica("node1", 3000), replica("node2", 2000)).build();

        World.Run run = world().peer(PeerStatus.unreachable("node2"))
                .run(input("node1", unlocked, runningReplica(3000).upstream(REMOTE).build()));

        assertFalse(run.does(Action.Follow.class));
        List<Action> actions = run.actions();
        int set = actions.indexOf(new Action.SetRole(Role.STANDBY_LEADER));
        assertTrue(set >= 0, actions.toString());
        assertEquals(new Action.AnnounceRoleChange(), actions.get(set + 1), "Patroni's Ha.follow: set_role, then on_role_change");
    }

    @Test
    void standbyLeaderThatLostTheLockFollowsTheNewOneAndAnnouncesTheRoleChange() {
        World.Run run = world().run(input("node1", standbyLedBy("node2"),
                runningReplica(3000).role(Role.STANDBY_LEADER).upstream(REMOTE).build()));

        Action.Follow follow = run.the(Action.Follow.class);
        assertEquals("node2", follow.upstream().name());
        assertTrue(follow.roleChange(), "standby_leader -> replica is on_role_change, not on_reload");
        assertTrue(run.actions().contains(new Action.SetRole(Role.REPLICA)));
        assertFalse(run.does(Action.AnnounceRoleChange.class));
    }

    @Test
    void replicaSwitchingToAnotherStandbyLeaderOnlyReloads() {
        World.Run run = world().run(input("node2", standbyLedBy("node1"),
                runningReplica(3000).upstream(REMOTE).build()));

        assertFalse(run.the(Action.Follow.class).roleChange());
    }

    @Test
    void initializeWinnerClonesFromTheRemotePrimaryInsteadOfInitdb() {
        Cluster nothing = cluster().initialize(null).noConfig().noHistory().build();
        HaSettings me = HaSettings.of("node1").withDynamicConfig(new DynamicConfig(
                Map.of("ttl", 30, "loop_wait", 10, "standby_cluster", SECTION), 0, true));

        World.Run run = world().run(input(me, nothing, freshNode().build()));

        assertEquals(List.of(new Action.BootstrapStandbyLeader(REMOTE, "standby_b", List.of("basebackup")), new Action.PublishMember()),
                run.actions());
        assertEquals("trying to bootstrap a new standby leader", run.message());
    }

    @Test
    void aStoppedStandbyLeaderStartsFollowingTheRemotePrimary() {
        LocalState stopped = standbyLeaderState().running(false).state(PostgresState.STOPPED)
                .controlState("shut down in recovery").build();

        World.Run run = world().run(input("node1", standbyLedBy("node1"), stopped));

        Action.StartPostgres start = run.the(Action.StartPostgres.class);
        assertEquals(Role.STANDBY_LEADER, start.role());
        assertEquals(REMOTE, start.upstream());
        assertEquals("starting as a standby leader because i had the session lock", run.message());
    }

    @Test
    void removingStandbyClusterPromotesTheStandbyLeader() {
        Cluster normal = cluster().leader("node1").members(standbyLeader("node1"), replica("node2", 3000)).build();

        World.Run run = world().run(input("node1", normal, standbyLeaderState().build()));

        assertTrue(run.does(Action.Promote.class));
        assertEquals("promoted self to leader because I had the session lock", run.message());
    }

    @Test
    void aPrimaryWhoseClusterBecameAStandbyClusterDemotes() {
        Cluster converted = cluster().config("standby_cluster", SECTION).leader("node1")
                .members(member("node1", "primary", "running", 3000L, 1, Map.of())).build();

        World.Run run = world().run(input("node1", converted, runningPrimary(3000).build()));

        assertEquals(Action.Demote.of(Action.DemoteMode.IMMEDIATE_NOLOCK), run.the(Action.Demote.class));
        assertEquals("cannot be a real primary in standby cluster", run.message());
    }

    @Test
    void theStandbyLeaderKeepsSlotsForItsReplicas() {
        SlotPlan plan = SlotPlan.plan(standbyLedBy("node1"), "node1", true, Tags.NONE, List.of());

        assertEquals(List.of(SlotSpec.physical("node2")), plan.create());
    }
}
