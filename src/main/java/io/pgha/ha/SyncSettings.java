package io.pgha.ha;

import io.pgha.dcs.DynamicConfig;
import java.util.Locale;

/**
 * The dynamic settings of synchronous replication (ha-loop.md §15): off, on or quorum; strict; how many
 * synchronous standbys are wanted; how far a standby may lag and stay synchronous. A standby cluster
 * ignores synchronous mode, as Patroni does.
 *
 * @param maximumLagOnSyncNode bytes; ≤ 0 never swaps a lagging synchronous standby
 */
public record SyncSettings(Mode mode, boolean strict, int nodeCount, long maximumLagOnSyncNode) {

    public enum Mode { OFF, ON, QUORUM }

    public static final SyncSettings OFF = new SyncSettings(Mode.OFF, false, 1, -1);

    public static SyncSettings from(DynamicConfig config) {
        if (ClusterSettings.from(config).standbyCluster()) {
            return OFF;
        }
        Object value = config.data().get("synchronous_mode");
        Mode mode = value instanceof String s && s.trim().toLowerCase(Locale.ROOT).equals("quorum") ? Mode.QUORUM
                : Tags.truthy(value) ? Mode.ON : Mode.OFF;
        int count = (int) Math.max(1, config.number("synchronous_node_count", 1));
        return new SyncSettings(mode, Tags.truthy(config.data().get("synchronous_mode_strict")), count,
                config.number("maximum_lag_on_syncnode", -1));
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    public boolean quorum() {
        return mode == Mode.QUORUM;
    }

    /** Standbys a commit must always reach: one in strict mode, else none (Patroni's min_synchronous_nodes). */
    public int minSync() {
        return strict ? 1 : 0;
    }
}
