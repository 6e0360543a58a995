package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.config.ConfigSources;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterStatus;
import io.pgha.dcs.DynamicConfig;
import io.pgha.dcs.Failover;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Leader;
import io.pgha.dcs.SyncState;
import io.pgha.testing.SampleConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hot_standby_feedback follows the permanent logical slots of /config (config.md §5.2). */
class RuntimeSettingsTest {
    @TempDir
    Path dir;

    @Test
    void permanentLogicalSlotsTurnHotStandbyFeedbackOnAndTheirRemovalTurnsItOffAgain() throws Exception {
        Path file = dir.resolve("patroni.yml");
        Files.writeString(file, SampleConfigs.AGENT);
        RuntimeSettings settings = new RuntimeSettings(AgentConfig.from(ConfigSources.local(file, Map.of())));
        assertNull(feedback(settings));

        Map<String, Object> logical = Map.of("ttl", 30, "slots", Map.of("cdc",
                Map.of("type", "logical", "database", "app", "plugin", "pgoutput")));
        assertTrue(settings.apply(view(logical)), "PostgreSQL must be reconfigured");
        assertEquals("on", feedback(settings));
        assertFalse(settings.apply(view(logical)), "nothing changed");

        assertTrue(settings.apply(view(Map.of("ttl", 30, "slots", Map.of("archiver", Map.of())))));
        assertNull(feedback(settings), "a physical slot needs no feedback");
    }

    private static String feedback(RuntimeSettings settings) {
        return settings.postgres().settings().parameters().get("hot_standby_feedback");
    }

    private static Cluster view(Map<String, Object> config) {
        return new Cluster(new Keyspace("/service/", "demo"), "7712239926406301085", new DynamicConfig(config, 3, true),
                new Leader("node2", 5, 7), List.of(), Failover.NONE, SyncState.EMPTY, List.of(), ClusterStatus.EMPTY,
                null, List.of(), 100);
    }
}
