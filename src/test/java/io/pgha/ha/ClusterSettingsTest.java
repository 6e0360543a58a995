package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.dcs.DynamicConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    private static ClusterSettings of(Map<String, Object> data) {
        return ClusterSettings.from(new DynamicConfig(data, 1, true));
    }

    @Test
    void primaryStopTimeoutAbortsTheStopOnlyInSynchronousMode() {
        assertEquals(Optional.of(Duration.ofSeconds(5)),
                of(Map.of("synchronous_mode", true, "primary_stop_timeout", 5)).stopTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(5)),
                of(Map.of("synchronous_mode", "quorum", "primary_stop_timeout", "5")).stopTimeout());
        assertEquals(Duration.ofSeconds(5), of(Map.of("primary_stop_timeout", 5)).primaryStopTimeout());
        assertEquals(Optional.empty(), of(Map.of("primary_stop_timeout", 5)).stopTimeout(),
                "without synchronous mode the stop waits as ever");
        assertEquals(Optional.empty(), of(Map.of("synchronous_mode", "off", "primary_stop_timeout", 5)).stopTimeout());
    }

    @Test
    void zeroNegativeOrUnreadablePrimaryStopTimeoutWaitsAsEver() {
        assertEquals(Duration.ZERO, of(Map.of()).primaryStopTimeout(), "the default is 0");
        assertEquals(Optional.empty(), of(Map.of("synchronous_mode", true)).stopTimeout());
        assertEquals(Optional.empty(), of(Map.of("synchronous_mode", true, "primary_stop_timeout", 0)).stopTimeout());
        assertEquals(Optional.empty(), of(Map.of("synchronous_mode", true, "primary_stop_timeout", -3)).stopTimeout());
        assertEquals(Optional.empty(), of(Map.of("synchronous_mode", true, "primary_stop_timeout", "soon")).stopTimeout());
    }

    @Test
    void theLegacyNameCountsOnlyWhenTheNewOneIsAbsent() {
        assertEquals(Optional.of(Duration.ofSeconds(7)),
                of(Map.of("synchronous_mode", true, "master_stop_timeout", 7)).stopTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(3)),
                of(Map.of("synchronous_mode", true, "master_stop_timeout", 7, "primary_stop_timeout", 3)).stopTimeout());
        assertEquals(Optional.empty(),
                of(Map.of("synchronous_mode", true, "master_stop_timeout", 7, "primary_stop_timeout", 0)).stopTimeout(),
                "primary_stop_timeout 0 wins over the legacy name");
    }
}
