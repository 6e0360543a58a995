package io.pgha.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyJsonTest {

    @Test
    void separatorsAndKeyOrderAreJsonDumpsDefaults() {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("Cluster", "demo");
        member.put("TL", 3L);
        member.put("Lag in MB", 0L);
        List<Object> values = new ArrayList<>(List.of(1.5, true));
        values.add(null);
        member.put("Tags", Map.of("x", values));
        assertEquals("[{\"Cluster\": \"demo\", \"TL\": 3, \"Lag in MB\": 0, \"Tags\": {\"x\": [1.5, true, null]}}]",
                PyJson.dumps(List.of(member)));
    }

    @Test
    void nonAsciiAndControlCharactersAreEscapedAsPythonDoes() {
        assertEquals("\"caf\\u00e9 \\ud83d\\ude00 \\u4e2d\"", PyJson.dumps("café 😀 中"));
        assertEquals("\"a\\nb\\tc\\u0001\\\"q\\\" \\\\ \\u007f\"", PyJson.dumps("a\nb\tc\u0001\"q\" \\ \u007f"));
    }
}
