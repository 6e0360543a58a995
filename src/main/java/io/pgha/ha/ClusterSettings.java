package io.pgha.ha;

import io.pgha.dcs.DynamicConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster-wide ("global") settings the HA decisions read from the dynamic configuration each
 * cycle (config.md §4). Values that do not parse fall back to Patroni's defaults.
 */
public record ClusterSettings(
        Timings timings,
        long maximumLagOnFailover,
        Duration primaryStartTimeout,
        Duration primaryStopTimeout,
        boolean checkTimeline,
        boolean paused,
        boolean synchronousMode,
        boolean quorumMode,
        boolean failsafeMode,
        boolean useSlots,
        boolean standbyCluster) {

    public static final long DEFAULT_MAXIMUM_LAG_ON_FAILOVER = 1048576;
    public static final int DEFAULT_PRIMARY_START_TIMEOUT = 300;
    public static final int DEFAULT_PRIMARY_STOP_TIMEOUT = 0;

    public static ClusterSettings from(DynamicConfig config) {
        Map<String, Object> data = config.data();
        long startTimeout = data.containsKey("primary_start_timeout")
                ? config.number("primary_start_timeout", DEFAULT_PRIMARY_START_TIMEOUT)
                : config.number("master_start_timeout", DEFAULT_PRIMARY_START_TIMEOUT);
        // as for the start timeout, Patroni takes the legacy name only when the new one is absent
        long stopTimeout = data.containsKey("primary_stop_timeout")
                ? config.number("primary_stop_timeout", DEFAULT_PRIMARY_STOP_TIMEOUT)
                : config.number("master_stop_timeout", DEFAULT_PRIMARY_STOP_TIMEOUT);
        Object mode = data.get("synchronous_mode");
        boolean quorum = "quorum".equals(mode);
        return new ClusterSettings(
                Timings.from(config),
                Math.max(0, config.number("maximum_lag_on_failover", DEFAULT_MAXIMUM_LAG_ON_FAILOVER)),
                Duration.ofSeconds(Math.max(0, startTimeout)),
                Duration.ofSeconds(Math.max(0, stopTimeout)),
                Tags.truthy(data.get("check_timeline")),
                Tags.truthy(data.get("pause")),
                quorum || Tags.truthy(mode),
                quorum,
                Tags.truthy(data.get("failsafe_mode")),
                useSlots(data.get("postgresql")),
                standbyCluster(data.get("standby_cluster")));
    }

    /**
     * How long stopping the primary may take before PostgreSQL is aborted (ha-loop.md §15.7), as Patroni's
     * primary_stop_timeout(): only a value above 0 and only in synchronous mode; empty waits for the stop
     * as without the setting.
     */
    public Optional<Duration> stopTimeout() {
        return synchronousMode && !primaryStopTimeout.isZero() ? Optional.of(primaryStopTimeout) : Optional.empty();
    }

    private static boolean useSlots(Object postgresql) {
        if (postgresql instanceof Map<?, ?> map && map.containsKey("use_slots")) {
            return Tags.truthy(map.get("use_slots"));
        }
        return true;
    }

    /** Active when {@code standby_cluster} names a host, a port or a restore_command (ha-loop.md §21). */
    private static boolean standbyCluster(Object section) {
        if (!(section instanceof Map<?, ?> map)) {
            return false;
        }
        for (String key : new String[] {"host", "port", "restore_command"}) {
            Object value = map.get(key);
            if (value != null && !"".equals(value) && !Boolean.FALSE.equals(value)
                    && !(value instanceof Number n && n.longValue() == 0)) {
                return true;
            }
        }
        return false;
    }
}
