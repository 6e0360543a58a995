package io.pgha.ha;

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
import io.pgha.ha.Action.CheckDivergence;
import io.pgha.ha.Action.Follow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leader key is held by someone else (ha-loop.md §5.6, §10, §12). */
class FollowTest {
    private static final Cluster LED_BY_NODE1 = cluster().leader("node1")
            .members(primary("node1", 2000), replica("node2", 2000), replica("node3", 2000)).build();

    @Test
    void replicaAlreadyFollowingTheLeaderChangesNothing() {
        World.Run run = world().run(input("node2", LED_BY_NODE1, runningReplica(2000).upstream(upstream("node1")).build()));

        assertTrue(run.probes().isEmpty());
        assertEquals(List.of(new Action.PublishMember()), run.actions());
        assertEquals("no action. I am (node2), a secondary, and following a leader (node1)", run.message());
    }

    @Test
    void replicaRepointsToANewLeaderWithItsOwnSlotName() {
        Cluster ledByNode3 = cluster().leader("node3")
                .members(replica("node1", 2000), replica("Node-2.east", 2000), primary("node3", 2000)).build();
        World.Run run = world().run(input("Node-2.east", ledByNode3,
                runningReplica(2000).upstream(upstream("node1")).build()));

        assertEquals(new Follow(upstream("node3"), "node_2_east"), run.the(Follow.class));
        assertEquals("no action. I am (Node-2.east), a secondary, and following a leader (node3)", run.message());
    }

    @Test
    void demotedNodeRepointingAnnouncesARoleChange() {
        World.Run run = world().run(input("node2", LED_BY_NODE1,
                runningReplica(2000).role(Role.DEMOTED).upstream(upstream("node9")).build()));

        assertEquals(new Follow(upstream("node1"), "node2", true), run.the(Follow.class));
        assertTrue(run.actions().contains(new Action.SetRole(Role.REPLICA)));
    }

    @Test
    void withoutUseSlotsNoSlotIsRequested() {
        Cluster noSlots = cluster().leader("node1").config("postgresql", Map.of("use_slots", false))
                .members(primary("node1", 2000), replica("node2", 2000)).build();
        World.Run run = world().run(input("node2", noSlots, runningReplica(2000).build()));

        assertEquals(new Follow(upstream("node1"), null), run.the(Follow.class));
    }

    @Test
    void changingUpstreamArmsADivergenceCheckWhenRewindIsPossible() {
        HaSettings me = HaSettings.of("node2").withRewind(true, false, false);
        World.Run run = world().run(input(me, LED_BY_NODE1, runningReplica(2000).rewindCapable(true).build()));

        assertEquals(new Action.SetRewindState(RewindState.CHECK), run.actions().get(0));
        assertTrue(run.does(Follow.class));
    }

    @Test
    void replicaWithReplicatefromCascadesFromThatMember() {
        HaSettings me = HaSettings.of("node2").withTags(Tags.NONE.withReplicateFrom("node3"));
        World.Run run = world().run(input(me, LED_BY_NODE1, runningReplica(2000).build()));

        assertEquals(new Follow(upstream("node3"), "node2"), run.the(Follow.class));
    }

    @Test
    void replicatefromAnUnknownMemberFallsBackToTheLeader() {
        HaSettings me = HaSettings.of("node2").withTags(Tags.NONE.withReplicateFrom("node9"));
        World.Run run = world().run(input(me, LED_BY_NODE1, runningReplica(2000).build()));

        assertEquals(new Follow(upstream("node1"), "node2"), run.the(Follow.class));
    }

    @Test
    void replicatefromMyselfFollowsTheLeader() {
        HaSettings me = HaSettings.of("node2").withTags(Tags.NONE.withReplicateFrom("node2"));

        assertEquals(new Follow(upstream("node1"), "node2"),
                world().run(input(me, LED_BY_NODE1, runningReplica(2000).build())).the(Follow.class));
    }

    @Test
    void nostreamReplicaHasNoUpstream() {
        HaSettings me = HaSettings.of("node2").withTags(Tags.NONE.withNoStream(true));
        World.Run run = world().run(input(me, LED_BY_NODE1, runningReplica(2000).upstream(upstream("node1")).build()));

        assertEquals(new Follow(null, null), run.the(Follow.class));
    }

    @Test
    void primaryWithoutTheLockIsDemotedImmediately() {
        World.Run run = world().run(input("node2", LED_BY_NODE1, runningPrimary(2000).build()));

        assertEquals(List.of(Action.Demote.of(Action.DemoteMode.IMMEDIATE_NOLOCK), new Action.PublishMember()),
                run.actions());
        assertEquals("demoting self because I do not have the lock and I was a leader", run.message());
    }

    @Test
    void divergedReplicaIsRewoundFromTheLeader() {
        HaSettings me = HaSettings.of("node2").withRewind(true, false, false);
        LocalState local = runningReplica(2000).upstream(upstream("node1")).rewindCapable(true)
                .rewindState(RewindState.CHECK).build();
        World.Run run = world().divergence(Divergence.NEED).run(input(me, LED_BY_NODE1, local));

        assertEquals(List.of(new CheckDivergence("node1")), run.probes());
        assertEquals(new Action.SetRewindState(RewindState.NEED), run.actions().get(0));
        assertEquals(new Action.RewindFrom("node1", false), run.the(Action.RewindFrom.class));
        assertEquals("running pg_rewind from node1", run.message());
    }

    @Test
    void rewindFailureMayRemoveTheDataDirectoryWhenConfigured() {
        HaSettings me = HaSettings.of("node2").withRewind(true, true, false);
        LocalState local = runningReplica(2000).rewindCapable(true).rewindState(RewindState.NEED).build();

        assertEquals(new Action.RewindFrom("node1", true),
                world().run(input(me, LED_BY_NODE1, local)).the(Action.RewindFrom.class));
    }

    @Test
    void divergedReplicaWithoutRewindIsReinitializedWhenAllowed() {
        HaSettings me = HaSettings.of("node2").withRewind(false, false, true);
        LocalState local = runningReplica(2000).upstream(upstream("node1")).rewindState(RewindState.CHECK).build();
        World.Run run = world().divergence(Divergence.NEED).run(input(me, LED_BY_NODE1, local));

        assertEquals(new Action.Reinitialize("node1", List.of("basebackup")), run.the(Action.Reinitialize.class));
        assertEquals("reinitializing due to diverged timelines", run.message());
    }

    @Test
    void withoutRewindOrReinitializeNoDivergenceCheckIsArmed() {
        World.Run run = world().divergence(Divergence.NEED).run(input("node2", LED_BY_NODE1,
                runningReplica(2000).rewindCapable(true).build()));

        assertFalse(run.asked(CheckDivergence.class));
        assertFalse(run.does(Action.SetRewindState.class));
        assertTrue(run.does(Follow.class), "it simply follows and may fail to stream after a real divergence");
    }

    @Test
    void rewindNeedsUsePgRewindAndACapableDataDirectory() {
        HaSettings me = HaSettings.of("node2").withRewind(true, false, false);
        LocalState noHints = runningReplica(2000).rewindCapable(false).rewindState(RewindState.NEED).build();

        assertFalse(world().run(input(me, LED_BY_NODE1, noHints)).does(Action.RewindFrom.class));
    }

    @Test
    void replicaBehindTheLeadersTimelineChecksForDivergence() {
        Cluster ledOnTimeline3 = cluster().leader("node1")
                .members(Fixtures.member("node1", "primary", "running", 2000L, 3, Map.of()), replica("node2", 2000))
                .build();
        HaSettings me = HaSettings.of("node2").withRewind(true, false, false);
        LocalState local = runningReplica(2000).timeline(2L).upstream(upstream("node1")).rewindCapable(true)
                .rewindState(RewindState.NOT_NEED).build();
        World.Run run = world().run(input(me, ledOnTimeline3, local));

        assertEquals(List.of(new CheckDivergence("node1")), run.probes());
        assertFalse(run.does(Action.SetRewindState.class), "the check found no divergence: state stays NOT_NEED");
        assertFalse(run.does(Action.RewindFrom.class));
        assertEquals("no action. I am (node2), a secondary, and following a leader (node1)", run.message());
    }
}
