package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandbyNamesTest {

    @Test
    void parsesTheFormsPostgresqlAccepts() {
        assertEquals(StandbyNames.EMPTY, StandbyNames.parse(""));
        assertEquals(StandbyNames.Type.OFF, StandbyNames.parse("  ").type());
        StandbyNames single = StandbyNames.parse("node2");
        assertEquals(StandbyNames.Type.PRIORITY, single.type());
        assertEquals(1, single.num());
        assertEquals(Set.of("node2"), Set.copyOf(single.members()));
        StandbyNames first = StandbyNames.parse("FIRST 2 (a, b,c)");
        assertEquals(2, first.num());
        assertEquals(3, first.members().size());
        StandbyNames bare = StandbyNames.parse("2 (a,b)");
        assertEquals(StandbyNames.Type.PRIORITY, bare.type());
        assertEquals(2, bare.num());
        StandbyNames any = StandbyNames.parse("ANY 1 (\"n-1\",n2)");
        assertEquals(StandbyNames.Type.QUORUM, any.type());
        assertTrue(any.members().contains("n-1"));
        assertTrue(any.members().contains("N2"), "names compare case-insensitively");
        StandbyNames star = StandbyNames.parse("*");
        assertTrue(star.hasStar());
        assertEquals(Set.of(), star.listed());
        assertTrue(StandbyNames.parse("FiRsT").members().contains("first"));
        assertEquals(Set.of("a\"b"), Set.copyOf(StandbyNames.parse("\"a\"\"b\"").members()));
    }

    @Test
    void rejectsWhatPostgresqlRejects() {
        assertThrows(IllegalArgumentException.class, () -> StandbyNames.parse("1"));
        assertThrows(IllegalArgumentException.class, () -> StandbyNames.parse("a,"));
        assertThrows(IllegalArgumentException.class, () -> StandbyNames.parse("ANY 4(\"a\" b,\"c c\")"));
        assertThrows(IllegalArgumentException.class, () -> StandbyNames.parse("2 (,)"));
    }

    @Test
    void rendersAsPatroniWritesIt() {
        assertNull(StandbyNames.render(List.of(), null, false));
        assertEquals("*", StandbyNames.render(List.of(), 1, false));
        assertEquals("*", StandbyNames.render(List.of("*"), null, false));
        assertEquals("node2", StandbyNames.render(List.of("node2"), null, false));
        assertEquals("2 (a,b)", StandbyNames.render(List.of("b", "a"), null, false));
        assertEquals("1 (a,b)", StandbyNames.render(List.of("b", "a"), 1, false));
        assertEquals("ANY 1 (a)", StandbyNames.render(List.of("a"), 1, true));
        assertEquals("ANY 1 (a,b)", StandbyNames.render(List.of("a", "b"), 1, true));
        assertEquals("ANY 1 (*)", StandbyNames.render(List.of(), 1, true));
        assertEquals("\"node-2\"", StandbyNames.render(List.of("node-2"), null, false));
        assertEquals("\"any\"", StandbyNames.render(List.of("any"), null, false));
        assertFalse(StandbyNames.render(List.of("x"), null, false).contains("("));
    }
}
