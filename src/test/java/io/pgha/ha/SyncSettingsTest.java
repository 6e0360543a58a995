package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.DynamicConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {
    private static SyncSettings of(Map<String, Object> data) {
        return SyncSettings.from(new DynamicConfig(data, 1, true));
    }

    @Test
    void readsTheModesAndDefaults() {
        assertEquals(SyncSettings.OFF, of(Map.of()));
        assertEquals(SyncSettings.Mode.ON, of(Map.of("synchronous_mode", true)).mode());
        assertEquals(SyncSettings.Mode.ON, of(Map.of("synchronous_mode", "on")).mode());
        assertEquals(SyncSettings.Mode.QUORUM, of(Map.of("synchronous_mode", "quorum")).mode());
        assertEquals(SyncSettings.Mode.OFF, of(Map.of("synchronous_mode", "off")).mode());
        SyncSettings strict = of(Map.of("synchronous_mode", "on", "synchronous_mode_strict", true,
                "synchronous_node_count", 2, "maximum_lag_on_syncnode", 1000));
        assertTrue(strict.strict());
        assertEquals(1, strict.minSync());
        assertEquals(2, strict.nodeCount());
        assertEquals(1000, strict.maximumLagOnSyncNode());
        assertEquals(0, of(Map.of("synchronous_mode", "on")).minSync());
        assertEquals(1, of(Map.of("synchronous_mode", "on", "synchronous_node_count", 0)).nodeCount());
    }

    @Test
    void aStandbyClusterIgnoresSynchronousMode() {
        SyncSettings s = of(Map.of("synchronous_mode", true, "standby_cluster", Map.of("host", "10.0.0.1")));
        assertFalse(s.enabled());
    }
}
