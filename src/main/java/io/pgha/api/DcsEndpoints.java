package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoints that show what the DCS holds (rest-api.md §5): {@code /cluster}, {@code /history},
 * {@code /config}, {@code /failsafe}. They answer from the agent's last view, at most one HA cycle
 * old, where Patroni reads {@code /cluster} afresh; with no view at all they answer 503 where
 * Patroni's failing read would drop the connection.
 */
final class DcsEndpoints {
    private DcsEndpoints() {
    }

    static ApiResponse cluster(ApiRequest request, NodeView view) {
        Cluster cluster = view.node().cluster();
        if (cluster == null) {
            return ApiResponse.error(503);
        }
        return ApiResponse.json(200, ClusterDocument.of(cluster, view.node().scope()));
    }

    /** The history key as Patroni stores it: {@code [timeline, lsn, reason, timestamp, new leader]}, {@code []} if none. */
    static ApiResponse history(ApiRequest request, NodeView view) {
        Cluster cluster = view.node().cluster();
        if (cluster == null) {
            return ApiResponse.error(503);
        }
        List<Object> lines = new ArrayList<>();
        for (HistoryEntry entry : cluster.history() == null ? List.<HistoryEntry>of() : cluster.history()) {
            List<Object> line = new ArrayList<>(List.of(entry.timeline(), entry.lsn(), entry.reason()));
            if (entry.timestamp() != null || entry.newLeader() != null) {
                line.add(entry.timestamp());
            }
            if (entry.newLeader() != null) {
                line.add(entry.newLeader());
            }
            lines.add(line);
        }
        return ApiResponse.json(200, lines);
    }

    /** The dynamic configuration; 502 when the key is missing or is not a JSON object. */
    static ApiResponse config(ApiRequest request, NodeView view) {
        Cluster cluster = view.node().cluster();
        if (cluster == null) {
            return ApiResponse.error(503);
        }
        if (!cluster.config().present() || cluster.config().modRevision() == 0) {
            return ApiResponse.error(502);
        }
        return ApiResponse.json(200, cluster.config().data());
    }

    /** The failsafe topology {@code {name: api_url}}, kept even after failsafe mode was switched off; 502 without one. */
    static ApiResponse failsafe(ApiRequest request, NodeView view) {
        Cluster cluster = view.node().cluster();
        if (cluster == null || cluster.failsafe() == null) {
            return ApiResponse.error(502);
        }
        return ApiResponse.json(200, cluster.failsafe());
    }
}
