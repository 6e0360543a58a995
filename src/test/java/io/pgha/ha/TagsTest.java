package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tag semantics (config.md §3.9, ha-loop.md §6.3) and slot naming (§16.1). */
class TagsTest {
    @Test
    void defaultPriorityIsOneAndFailoverAllowed() {
        assertFalse(Tags.NONE.isNoFailover());
        assertEquals(1, Tags.NONE.priority());
    }

    @Test
    void nofailoverMeansPriorityZero() {
        Tags tags = Tags.of(Map.of("nofailover", true));

        assertTrue(tags.isNoFailover());
        assertEquals(0, tags.priority());
    }

    @Test
    void nonPositivePriorityWithoutTheBooleanMeansNofailover() {
        assertTrue(Tags.of(Map.of("failover_priority", 0)).isNoFailover());
        assertFalse(Tags.of(Map.of("failover_priority", 3)).isNoFailover());
    }

    @Test
    void theBooleanTagWinsOverAContradictingPriority() {
        Tags tags = Tags.of(Map.of("nofailover", false, "failover_priority", 0));

        assertFalse(tags.isNoFailover());
        assertEquals(0, tags.priority());
        assertTrue(Tags.of(Map.of("nofailover", true, "failover_priority", 5)).isNoFailover());
    }

    @Test
    void stringValuesFromConfigFilesAreUnderstood() {
        Tags tags = Tags.of(Map.of("nofailover", "on", "clonefrom", "true", "replicatefrom", "node3", "nostream", "yes"));

        assertTrue(tags.isNoFailover());
        assertTrue(tags.cloneFrom());
        assertTrue(tags.noStream());
        assertEquals("node3", tags.replicateFrom());
    }

    @Test
    void slotNamesFollowPatroni() {
        assertEquals("node1", SlotNames.forMember("node1"));
        assertEquals("pg_1_east", SlotNames.forMember("PG-1.east"));
        assertEquals("au0252b", SlotNames.forMember("a\u00fcb"));
        assertEquals("au128512", SlotNames.forMember("a\uD83D\uDE00"), "code points beyond 9999 keep all their digits");
        assertEquals(63, SlotNames.forMember("x".repeat(80)).length());
    }
}
