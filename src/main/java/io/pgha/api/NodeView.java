package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import io.pgha.ha.ClusterSettings;
import java.time.Instant;
import java.util.Optional;

/**
 * One request's look at the node: the agent's last snapshot and the time the request is answered,
 * with the derived facts several endpoints share.
 */
record NodeView(NodeState node, Instant now) {

    /**
     * The cluster view while it is current: read less than ttl ago, as Patroni keeps its cached
     * cluster. Health checks and sync roles need a current view; bodies that only copy DCS data
     * ({@code /cluster}, {@code /history}, {@code /config}) use {@link NodeState#cluster()} as is.
     */
    Optional<Cluster> currentCluster() {
        Cluster cluster = node.cluster();
        Instant seen = node.dcsLastSeen();
        if (cluster == null || seen == null || !seen.plusSeconds(node.ttlSeconds()).isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(cluster);
    }

    /** The cluster-wide settings of the last view read (Patroni keeps the last valid global config too). */
    ClusterSettings settings() {
        Cluster cluster = node.cluster();
        DynamicConfig config = cluster == null ? DynamicConfig.ABSENT : cluster.config();
        return ClusterSettings.from(config);
    }

    /** Synchronous (or quorum) replication is requested, which a standby cluster ignores. */
    boolean synchronousMode() {
        ClusterSettings settings = settings();
        return settings.synchronousMode() && !settings.standbyCluster();
    }

    long dcsLastSeenEpoch() {
        return node.dcsLastSeen() == null ? 0 : node.dcsLastSeen().getEpochSecond();
    }

    /** A boolean tag of this node, read as Patroni's parse_bool does. */
    boolean tag(String name) {
        Object value = node.tags().get(name);
        if (value == null) {
            return false;
        }
        String text = value.toString().toLowerCase(java.util.Locale.ROOT);
        return text.equals("true") || text.equals("on") || text.equals("yes") || text.equals("1");
    }
}
