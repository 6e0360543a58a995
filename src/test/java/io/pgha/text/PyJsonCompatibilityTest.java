package io.pgha.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies are written the way Python's json.dumps writes them, which is what Patroni sends. */
class PyJsonCompatibilityTest {

    @Test
    void writesPythonSeparatorsEscapesAndFloats() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", Arrays.asList(1L, 2.5, null, true));
        value.put("é", "ü\u2028\u007f\u0001");
        value.put("f", List.of(1e16, 1e-05, 0.1, 100.0, 1795645786.858565, 123456789012345678.0, -0.0, 1.5e-7));
        // the text python3 -c 'import json; print(json.dumps(...))' prints for the same value
        assertEquals("{\"a\": [1, 2.5, null, true], \"\\u00e9\": \"\\u00fc\\u2028\\u007f\\u0001\", "
                + "\"f\": [1e+16, 1e-05, 0.1, 100.0, 1795645786.858565, 1.2345678901234568e+17, -0.0, 1.5e-07]}",
                PyJson.dumps(value));
    }

    @Test
    void emptyContainersAndQuotes() {
        assertEquals("[]", PyJson.dumps(List.of()));
        assertEquals("{}", PyJson.dumps(Map.of()));
        assertEquals("\"say \\\"hi\\\"\\n\\\\\"", PyJson.dumps("say \"hi\"\n\\"));
    }
}
