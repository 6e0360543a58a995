package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ha-loop.md §16: the member and permanent slots a leader and a replica keep. */
class SlotPlanTest {
    private static final Map<String, Object> LOGICAL = Map.of("type", "logical", "database", "postgres",
            "plugin", "test_decoding");

    private static SlotPlan onLeader(Cluster view, String... existing) {
        return SlotPlan.plan(view, "node1", true, Tags.NONE, physical(existing));
    }

    private static List<ExistingSlot> physical(String... names) {
        return Arrays.stream(names).map(n -> new ExistingSlot(SlotSpec.physical(n), false, 100L, null)).toList();
    }

    private static ExistingSlot logical(String name, long confirmed) {
        return new ExistingSlot(SlotSpec.logical(name, "postgres", "test_decoding"), false, confirmed - 8, confirmed);
    }

    @Test
    void theLeaderKeepsASlotForEveryOtherMember() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100),
                replica("node-3.east", 100)).build();
        SlotPlan plan = onLeader(view);
        assertEquals(List.of("node2", "node_3_east"), plan.createNames());
        assertEquals(List.of(), plan.drop());
    }

    @Test
    void existingSlotsAreNotCreatedAgainAndSlotsOfGoneMembersAreDropped() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100)).build();
        SlotPlan plan = onLeader(view, "node2", "node3");
        assertEquals(List.of(), plan.create());
        assertEquals(List.of("node3"), plan.drop());
    }

    @Test
    void aReplicaKeepsSlotsOnlyForMembersCascadingFromIt() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100),
                replica("node3", 100, Map.of("replicatefrom", "node2"))).build();
        assertEquals(List.of("node3"), SlotPlan.plan(view, "node2", false, Tags.NONE, List.of()).createNames());
        assertEquals(List.of("node1", "node3"), onLeader(view, "node1", "node2", "node3").drop(),
                "node3 streams from node2; node1 is the leader itself");
    }

    @Test
    void aReplicaThatWasPrimaryDropsTheSlotsItKeptForTheOthers() {
        var view = cluster().leader("node2").members(primary("node2", 100), replica("node1", 100),
                replica("node3", 100)).build();
        SlotPlan plan = SlotPlan.plan(view, "node1", false, Tags.NONE, physical("node2", "node3"));
        assertEquals(List.of(), plan.create());
        assertEquals(List.of("node2", "node3"), plan.drop());
    }

    @Test
    void nostreamMembersAndReplicateFromAnUnknownMemberAreHandledAsPatroniDoes() {
        var view = cluster().leader("node1").members(primary("node1", 100),
                replica("node2", 100, Map.of("nostream", true)),
                replica("node3", 100, Map.of("replicatefrom", "gone"))).build();
        assertEquals(List.of("node3"), onLeader(view).createNames());
    }

    @Test
    void permanentAndIgnoredSlotsAreNeverDropped() {
        var view = cluster().leader("node1").members(primary("node1", 100))
                .config("slots", Map.of("archiver", Map.of("type", "physical")))
                .config("ignore_slots", List.of(Map.of("name", "backup_tool"))).build();
        assertEquals(List.of("other"), onLeader(view, "archiver", "backup_tool", "other").drop());
    }

    @Test
    void ignoreSlotsEntriesMatchOnEveryFieldTheyGive() {
        var view = cluster().leader("node1").members(primary("node1", 100))
                .config("ignore_slots", List.of(Map.of("type", "logical", "plugin", "pgoutput"),
                        Map.of("name", "keep_me", "type", "physical"))).build();
        List<ExistingSlot> existing = List.of(
                new ExistingSlot(SlotSpec.logical("cdc", "app", "pgoutput"), false, 1L, 1L),
                new ExistingSlot(SlotSpec.logical("debezium", "app", "wal2json"), false, 1L, 1L),
                new ExistingSlot(SlotSpec.physical("keep_me"), false, 1L, null),
                new ExistingSlot(SlotSpec.logical("keep_me_too", "app", "wal2json"), false, 1L, 1L));
        SlotPlan plan = SlotPlan.plan(view, "node1", true, Tags.NONE, existing);
        assertEquals(List.of("debezium", "keep_me_too"), plan.drop());
    }

    @Test
    void anIgnoreEntryWithoutNameCoversEveryPhysicalSlot() {
        var view = cluster().leader("node1").members(primary("node1", 100))
                .config("ignore_slots", List.of(Map.of("type", "physical"))).build();
        assertEquals(List.of(), onLeader(view, "a", "b").drop());
    }

    @Test
    void withoutUseSlotsOrWhilePausedNothingIsDropped() {
        var noSlots = cluster().leader("node1").members(primary("node1", 100), replica("node2", 1))
                .config("postgresql", Map.of("use_slots", false)).build();
        assertEquals(SlotPlan.NOTHING, onLeader(noSlots, "x"));
        var paused = cluster().leader("node1").members(primary("node1", 100), replica("node2", 1)).paused().build();
        SlotPlan plan = onLeader(paused, "x");
        assertEquals(List.of("node2"), plan.createNames());
        assertEquals(List.of(), plan.drop());
    }

    @Test
    void theLeaderCreatesPermanentPhysicalAndLogicalSlotsButNoneNamedLikeItself() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100))
                .config("slots", Map.of("archiver", Map.of(), "node1", Map.of("type", "physical"), "cdc", LOGICAL,
                        "Bad-Name", Map.of(), "half_logical", Map.of("type", "logical", "database", "x"))).build();
        SlotPlan plan = onLeader(view);
        assertEquals(List.of(SlotSpec.physical("archiver"), SlotSpec.logical("cdc", "postgres", "test_decoding"),
                SlotSpec.physical("node2")), plan.create());
        assertEquals(Map.of(), plan.advance(), "a leader's slots move with their consumers");
    }

    @Test
    void aReplicaKeepsPermanentPhysicalSlotsAndMovesThemToThePublishedPosition() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100))
                .config("slots", Map.of("archiver", Map.of("type", "physical")))
                .slotPositions(Map.of("archiver", 500L)).build();
        assertEquals(List.of("archiver"), SlotPlan.plan(view, "node2", false, Tags.NONE, List.of()).createNames());
        SlotPlan plan = SlotPlan.plan(view, "node2", false, Tags.NONE, physical("archiver"));
        assertEquals(Map.of("archiver", 500L), plan.advance());
        var behind = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100))
                .config("slots", Map.of("archiver", Map.of("type", "physical")))
                .slotPositions(Map.of("archiver", 50L)).build();
        assertEquals(Map.of(), SlotPlan.plan(behind, "node2", false, Tags.NONE, physical("archiver")).advance(),
                "slots never move backwards");
    }

    @Test
    void aReplicaCopiesAMissingLogicalSlotOnceItsPositionIsPublishedAndAdvancesOneItHas() {
        var unpublished = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100))
                .config("slots", Map.of("cdc", LOGICAL)).build();
        SlotPlan waiting = SlotPlan.plan(unpublished, "node2", false, Tags.NONE, List.of());
        assertEquals(List.of(), waiting.copy());
        assertEquals(List.of(), waiting.create(), "a replica never creates a logical slot itself");

        var published = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100))
                .config("slots", Map.of("cdc", LOGICAL)).slotPositions(Map.of("cdc", 900L)).build();
        assertEquals(List.of("cdc"), SlotPlan.plan(published, "node2", false, Tags.NONE, List.of()).copy());
        SlotPlan plan = SlotPlan.plan(published, "node2", false, Tags.NONE, List.of(logical("cdc", 700)));
        assertEquals(Map.of("cdc", 900L), plan.advance());
        assertEquals(List.of(), plan.copy());
        assertEquals(List.of(), plan.drop());
    }

    @Test
    void nofailoverAndNostreamReplicasKeepNoPermanentLogicalSlots() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100))
                .config("slots", Map.of("cdc", LOGICAL)).slotPositions(Map.of("cdc", 900L)).build();
        SlotPlan nofailover = SlotPlan.plan(view, "node2", false, Tags.NONE.withNoFailover(true),
                List.of(logical("cdc", 700)));
        assertEquals(List.of("cdc"), nofailover.drop());
        assertEquals(List.of(), SlotPlan.plan(view, "node2", false, Tags.NONE.withNoStream(true), List.of()).copy());
    }

    @Test
    void aSlotOfTheWrongKindIsDroppedAndMadeAgain() {
        var view = cluster().leader("node1").members(primary("node1", 100))
                .config("slots", Map.of("cdc", LOGICAL)).build();
        List<ExistingSlot> existing = List.of(new ExistingSlot(SlotSpec.logical("cdc", "postgres", "pgoutput"),
                false, 1L, 1L));
        SlotPlan plan = SlotPlan.plan(view, "node1", true, Tags.NONE, existing);
        assertEquals(List.of("cdc"), plan.drop());
        assertEquals(List.of("cdc"), plan.createNames());
    }

    @Test
    void theLeaderPublishesThePositionsOfItsPermanentSlots() {
        var view = cluster().leader("node1").members(primary("node1", 100))
                .config("slots", Map.of("cdc", LOGICAL, "archiver", Map.of())).build();
        PermanentSlots permanent = PermanentSlots.from(view.config());
        assertEquals(Map.of("cdc", 700L, "archiver", 100L), permanent.positions(List.of(logical("cdc", 700),
                new ExistingSlot(SlotSpec.physical("archiver"), false, 100L, null),
                new ExistingSlot(SlotSpec.physical("node2"), true, 100L, null))));
    }

    @Test
    void theFirstNonEmptyOfTheSlotAliasesCounts() {
        assertEquals(List.of("b"), List.copyOf(PermanentSlots.from(Map.of("permanent_replication_slots", Map.of(),
                "permanent_slots", Map.of("b", Map.of()), "slots", Map.of("c", Map.of()))).slots().keySet()));
    }

    @Test
    void hotStandbyFeedbackIsNeededWithPermanentLogicalSlotsOrForACascadeThatHoldsThem() {
        var view = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100),
                replica("node3", 100, Map.of("replicatefrom", "node2", "nofailover", true)))
                .config("slots", Map.of("cdc", LOGICAL)).build();
        assertTrue(SlotPlan.needsHotStandbyFeedback(view, "node2", Tags.NONE));
        assertFalse(SlotPlan.needsHotStandbyFeedback(view, "node3", Tags.NONE.withNoFailover(true)));
        var cascade = cluster().leader("node1").members(primary("node1", 100),
                replica("node2", 100, Map.of("nofailover", true)),
                replica("node3", 100, Map.of("replicatefrom", "node2")))
                .config("slots", Map.of("cdc", LOGICAL)).build();
        assertTrue(SlotPlan.needsHotStandbyFeedback(cascade, "node2", Tags.NONE.withNoFailover(true)),
                "node3 holds logical slots and streams through node2");
        var none = cluster().leader("node1").members(primary("node1", 100), replica("node2", 100)).build();
        assertFalse(SlotPlan.needsHotStandbyFeedback(none, "node2", Tags.NONE));
    }
}
