package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DCS values read and written as Patroni reads and writes them, with plain Java collections. */
class JsonTest {

    @Test
    void writesCompactAsciiEscapedJsonInInsertionOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("leader", "nöde1");
        value.put("optime", 67108864L);
        value.put("slots", Map.of("node2", 1));
        value.put("retain", List.of("a", "b"));
        value.put("sync_standby", null);
        value.put("pause", true);
        value.put("ratio", 0.5);
        assertEquals("{\"leader\":\"n\\u00F6de1\",\"optime\":67108864,\"slots\":{\"node2\":1},\"retain\":[\"a\",\"b\"],"
                + "\"sync_standby\":null,\"pause\":true,\"ratio\":0.5}", Json.write(value));
    }

    @Test
    void readsObjectsInOrderIntegersAsLongAndFractionsAsDouble() {
        Object value = Json.parse("{\"b\": 1, \"a\": [2.5, true, null, \"x\"], \"c\": {}}").orElseThrow();
        Map<?, ?> map = assertInstanceOf(Map.class, value);
        assertEquals(List.of("b", "a", "c"), List.copyOf(map.keySet()));
        assertEquals(1L, map.get("b"));
        assertEquals(Arrays.asList(2.5, true, null, "x"), map.get("a"));
        assertEquals(Map.of(), map.get("c"));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueAsPythonDoes() {
        assertEquals(Map.of("a", 3L, "b", 2L), Json.parse("{\"a\":1,\"b\":2,\"a\":3}").orElseThrow());
    }

    @Test
    void whatIsNotJsonReadsAsEmpty() {
        for (String text : new String[] {"", "  ", "<html>", "{\"a\":", "[1,2", "NaN", "{a:1}", "'x'", "null",
                "123456789012345678901234567890"}) {
            assertEquals(Optional.empty(), Json.parse(text), text);
        }
        assertEquals(Optional.empty(), Json.parse(null));
    }

    @Test
    void scalarsAtTheTopLevelAreValues() {
        assertEquals(Optional.of(67108864L), Json.parse("67108864"));
        assertEquals(Optional.of("node1"), Json.parse("\"node1\""));
        assertEquals(Optional.of(false), Json.parse("false"));
    }

    @Test
    void aValueThatCannotBeJsonIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
    }

    @Test
    void whatItWritesItReadsBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "\u00e9\u2028\"\\\n");
        value.put("history", List.of(List.of(1L, 25165984L, "no recovery target specified", "2024-01-01T00:00:00+00:00")));
        assertEquals(value, Json.parse(Json.write(value)).orElseThrow());
    }
}
