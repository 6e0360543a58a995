package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.ha.PostgresState;
import io.pgha.postgres.PostmasterState;
import java.time.Instant;
import java.util.Optional;

/**
 * Kubernetes-style probes, status line only (rest-api.md §5): {@code /liveness} asks whether the HA
 * loop still runs, {@code /readiness} whether this node should receive traffic (Patroni 4.1 rules).
 */
final class ProbeEndpoints {
    private ProbeEndpoints() {
    }

    /**
     * 200 while paused, or while the next HA cycle is due less than ttl (a running primary) or 2×ttl
     * (anyone else) ago. The next cycle is due loop_wait after the last one ended.
     */
    static ApiResponse liveness(ApiRequest request, NodeView view) {
        NodeState node = view.node();
        boolean running = node.postgres() != null && node.postgres().state() != PostmasterState.STOPPED;
        boolean primary = "primary".equals(node.role()) && running;
        long threshold = node.ttlSeconds() * (primary ? 1 : 2);
        Instant last = node.lastCycle();
        boolean alive = last != null
                && last.plusSeconds(view.settings().timings().loopWait() + threshold).isAfter(view.now());
        return ApiResponse.statusOnly(view.settings().paused() || alive ? 200 : 503);
    }

    static ApiResponse readiness(ApiRequest request, NodeView view) {
        return ApiResponse.statusOnly(isReady(request, view) ? 200 : 503);
    }

    /**
     * The lock holder is ready; anyone else must run, stream, and lag at most {@code ?lag=} (else
     * maximum_lag_on_failover) behind the cluster: by replayed WAL, or by received WAL with {@code ?mode=write}.
     */
    private static boolean isReady(ApiRequest request, NodeView view) {
        NodeState node = view.node();
        if (node.holdsLeaderKey()) {
            return true;
        }
        if (node.postgresState() != PostgresState.RUNNING) {
            return false;
        }
        StatusDocument doc = StatusDocument.of(view);
        if (!"streaming".equals(doc.get("replication_state"))) {
            return false;
        }
        Optional<Cluster> cluster = view.currentCluster();
        if (cluster.isEmpty()) {
            return node.failsafeActive();
        }
        String location = "write".equals(request.first("mode")) ? "received_location" : "replayed_location";
        long lag = cluster.get().clusterLsn() - doc.xlog(location);
        Long limit = ByteSize.parse(request.first("lag"));
        return lag <= (limit == null ? node.maximumLagOnFailover() : limit);
    }
}
