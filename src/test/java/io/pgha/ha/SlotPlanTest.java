package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ha-loop.md §16.2: the member slots a leader and a cascading replica keep. */
class SlotPlanTest {

    @Test
    void theLeaderKeepsASlotForEveryOtherMember() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100),
                replica("node-3.east", 100)).build();
        SlotPlan plan = SlotPlan.plan(view, "node1", true, List.of());
        assertEquals(List.of("node2", "node_3_east"), plan.create());
        assertEquals(List.of(), plan.drop());
    }

    @Test
    void existingSlotsAreNotCreatedAgainAndSlotsOfGoneMembersAreDropped() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100)).build();
        SlotPlan plan = SlotPlan.plan(view, "node1", true, List.of("node2", "node3"));
        assertEquals(List.of(), plan.create());
        assertEquals(List.of("node3"), plan.drop());
    }

    @Test
    void aReplicaKeepsSlotsOnlyForMembersCascadingFromIt() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100),
                replica("node3", 100, Map.of("replicatefrom", "node2"))).build();
        assertEquals(List.of("node3"), SlotPlan.plan(view, "node2", false, List.of()).create());
        SlotPlan onLeader = SlotPlan.plan(view, "node1", true, List.of("node1", "node2", "node3"));
        assertEquals(List.of("node1", "node3"), onLeader.drop(), "node3 streams from node2; node1 is the leader itself");
    }

    @Test
    void aReplicaThatWasPrimaryDropsTheSlotsItKeptForTheOthers() {
        var view = cluster().leader("node2").members(primary("node2", 100), replica("node1", 100),
                replica("node3", 100)).build();
        SlotPlan plan = SlotPlan.plan(view, "node1", false, List.of("node2", "node3"));
        assertEquals(List.of(), plan.create());
        assertEquals(List.of("node2", "node3"), plan.drop());
    }

    @Test
    void nostreamMembersAndReplicateFromAnUnknownMemberAreHandledAsPatroniDoes() {
        var view = cluster().leader("node1").members(primary("node1", 100),
                replica("node2", 100, Map.of("nostream", true)),
                replica("node3", 100, Map.of("replicatefrom", "gone"))).build();
        assertEquals(List.of("node3"), SlotPlan.plan(view, "node1", true, List.of()).create());
    }

    @Test
    void permanentAndIgnoredSlotsAreNeverDropped() {
        var view = cluster().leader("node1").members(primary("node1", 100))
                .config("slots", Map.of("archiver", Map.of("type", "physical")))
                .config("ignore_slots", List.of(Map.of("name", "backup_tool"))).build();
        assertEquals(List.of("other"), SlotPlan.plan(view, "node1", true, List.of("archiver", "backup_tool", "other")).drop());
    }

    @Test
    void withoutUseSlotsOrWhilePausedNothingIsDropped() {
        var noSlots = cluster().leader("node1").members(primary("node1", 100), replica("node2", 1))
                .config("postgresql", Map.of("use_slots", false)).build();
        assertEquals(SlotPlan.NOTHING, SlotPlan.plan(noSlots, "node1", true, List.of("x")));
        var paused = cluster().leader("node1").members(primary("node1", 100), replica("node2", 1)).paused().build();
        SlotPlan plan = SlotPlan.plan(paused, "node1", true, List.of("x"));
        assertEquals(List.of("node2"), plan.create());
        assertEquals(List.of(), plan.drop());
    }
}
