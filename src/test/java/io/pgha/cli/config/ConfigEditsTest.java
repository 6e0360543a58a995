package io.pgha.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.CliException;
import io.pgha.config.YamlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigEditsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) YamlText.parse(text, "test");
    }

    private static final Map<String, Object> STORED = yaml("""
            loop_wait: 10
            ttl: 30
            postgresql:
              parameters:
                max_connections: 100
              use_slots: true
            """);

    @Test
    void setValuesAreYamlAndAnEmptyValueDeletesTheKey() {
        Map<String, Object> changed = ConfigEdits.set(STORED, List.of("loop_wait=5", "ttl=", "pause=on",
                "synchronous_mode=true", "tags={a: 1}"));
        assertEquals(5, changed.get("loop_wait"));
        assertFalse(changed.containsKey("ttl"));
        assertEquals(true, changed.get("pause"), "PyYAML reads on as a boolean");
        assertEquals(Map.of("a", 1), changed.get("tags"));
        assertEquals(10, STORED.get("loop_wait"), "the stored tree is left alone");
    }

    @Test
    void numbersAreReadAsPyYamlReadsThem() {
        Map<String, Object> changed = ConfigEdits.set(STORED, List.of("a=1e3", "b=1.5", "c=010", "d=1.0e+3"));
        assertEquals("1e3", changed.get("a"), "PyYAML floats need a dot");
        assertEquals(1.5, changed.get("b"));
        assertEquals(8, changed.get("c"), "YAML 1.1 octal");
        assertEquals(1000.0, changed.get("d"));
    }

    @Test
    void pgShorthandKeepsDotsInParameterNames() {
        Map<String, Object> changed = ConfigEdits.set(STORED, List.of(
                ConfigEdits.parameterPair(" pg_stat_statements.max=5000"), ConfigEdits.parameterPair("work_mem=8MB")));
        assertEquals(Map.of("max_connections", 100, "pg_stat_statements.max", 5000, "work_mem", "8MB"),
                ((Map<?, ?>) changed.get("postgresql")).get("parameters"));
    }

    @Test
    void deletingTheLastKeyOfAMappingDeletesTheMapping() {
        Map<String, Object> changed = ConfigEdits.set(STORED, List.of("postgresql.parameters.max_connections="));
        assertEquals(Map.of("use_slots", true), changed.get("postgresql"));
        assertEquals(Map.of("loop_wait", 10, "ttl", 30), ConfigEdits.set(STORED, List.of("postgresql.use_slots=",
                "postgresql.parameters.max_connections=")));
    }

    @Test
    void aPathThroughAScalarReplacesItWithAMapping() {
        Map<String, Object> changed = ConfigEdits.set(STORED, List.of("ttl.x=1"));
        assertEquals(Map.of("x", 1), changed.get("ttl"));
    }

    @Test
    void aPairWithoutEqualsIsRefusedAsPatronictlRefusesIt() {
        CliException e = assertThrows(CliException.class, () -> ConfigEdits.set(STORED, List.of("loop_wait")));
        assertEquals("Invalid parameter setting loop_wait", e.getMessage());
    }

    @Test
    void applyMergesMappingsDeletesNullsAndKeepsValuesWithTheSameText() {
        Map<String, Object> changed = ConfigEdits.merge(STORED, yaml("""
                loop_wait: '10'
                ttl: ~
                postgresql:
                  parameters:
                    work_mem: 8MB
                standby_cluster:
                  host: h
                  port: ~
                """));
        assertEquals(10, changed.get("loop_wait"), "'10' and 10 print the same, so patch_config keeps the int");
        assertFalse(changed.containsKey("ttl"));
        assertEquals(Map.of("max_connections", 100, "work_mem", "8MB"),
                ((Map<?, ?>) changed.get("postgresql")).get("parameters"));
        Map<String, Object> standby = new LinkedHashMap<>();
        standby.put("host", "h");
        standby.put("port", null);
        assertEquals(standby, changed.get("standby_cluster"), "a new mapping is taken as written");
    }

    @Test
    void replaceDropsTopLevelNulls() {
        assertEquals(Map.of("ttl", 20), ConfigEdits.replace(yaml("ttl: 20\nloop_wait: ~\n")));
    }

    @Test
    void aDocumentThatIsNoMappingIsRefused() {
        CliException e = assertThrows(CliException.class, () -> ConfigEdits.mapping(null, "new.yaml"));
        assertEquals("new.yaml: the configuration must be a YAML mapping (key: value), got an empty document",
                e.getMessage());
    }

    @Test
    void equalityIsPythons() {
        assertTrue(ConfigEdits.pythonEquals(Map.of("a", 1, "b", List.of(true)), Map.of("b", List.of(1L), "a", 1.0)));
        assertFalse(ConfigEdits.pythonEquals(Map.of("a", "1"), Map.of("a", 1)));
    }
}
