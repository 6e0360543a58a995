package io.pgha.ha;

import io.pgha.dcs.DynamicConfig;
import java.time.Duration;
import java.util.Map;

/**
 * The cluster-wide ("global") settings the HA decisions read from the dynamic configuration each
 * cycle (config.md §4). Values that do not parse fall back to Patroni's defaults.
 */
public record ClusterSettings(
        Timings timings,
        long maximumLagOnFailover,
        Duration primaryStartTimeout,
        boolean checkTimeline,
        boolean paused,
        boolean synchronousMode,
        boolean quorumMode,
        boolean failsafeMode,
        boolean useSlots,
        boolean standbyCluster) {

    public static final long DEFAULT_MAXIMUM_LAG_ON_FAILOVER = 1048576;
    public static final int DEFAULT_PRIMARY_START_TIMEOUT = 300;

    public static ClusterSettings from(DynamicConfig config) {
        Map<String, Object> data = config.data();
        long startTimeout = data.containsKey("primary_start_timeout")
                ? config.number("primary_start_timeout", DEFAULT_PRIMARY_START_TIMEOUT)
                : config.number("master_start_timeout", DEFAULT_PRIMARY_START_TIMEOUT);
        Object mode = data.get("synchronous_mode");
        boolean quorum = "quorum".equals(mode);
        return new ClusterSettings(
                Timings.from(config),
                Math.max(0, config.number("maximum_lag_on_failover", DEFAULT_MAXIMUM_LAG_ON_FAILOVER)),
                Duration.ofSeconds(Math.max(0, startTimeout)),
                Tags.truthy(data.get("check_timeline")),
                Tags.truthy(data.get("pause")),
                quorum || Tags.truthy(mode),
                quorum,
                Tags.truthy(data.get("failsafe_mode")),
                useSlots(data.get("postgresql")),
                standbyCluster(data.get("standby_cluster")));
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
