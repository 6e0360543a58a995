package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.ha.ClusterSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status code of a health check (rest-api.md §3): every {@code GET} path without an endpoint of
 * its own, and every {@code HEAD} and {@code OPTIONS}. Paths are matched by substring, first match
 * wins, exactly as Patroni does, so {@code /replica-anything} is a replica check and {@code /foo} is 503.
 */
final class HealthCheck {
    private static final int OK = 200;
    private static final int UNAVAILABLE = 503;
    private static final String TAG_PREFIX = "tag_";

    private HealthCheck() {
    }

    static int statusCode(ApiRequest request, StatusDocument doc, NodeView view) {
        String path = "/".equals(request.path()) ? "/primary" : request.path();
        Optional<Cluster> cluster = view.currentCluster();
        int replica = replicaCode(request, doc, view, cluster);
        LockCodes lock = LockCodes.of(doc, view, cluster, replica);
        replica = lock.replica;

        int status = UNAVAILABLE;
        boolean ignoreTags = false;
        if (path.contains("standby_leader") || path.contains("standby-leader")) {
            status = lock.standbyLeader;
            ignoreTags = true;
        } else if (path.contains("leader")) {
            status = lock.leader;
            ignoreTags = true;
        } else if (path.contains("master") || path.contains("primary") || path.contains("read-write")) {
            status = lock.primary;
            ignoreTags = true;
        } else if (path.contains("replica")) {
            status = replica;
        } else if (path.contains("read-only") && !path.contains("sync") && !path.contains("quorum")) {
            status = lock.primaryOrStandbyLeader() ? OK : replica;
        } else if (path.contains("health")) {
            status = doc.isRunning() ? OK : UNAVAILABLE;
        } else if (cluster.isPresent()) {
            status = synchronousPath(path, doc, lock, replica);
        }
        if (!ignoreTags && status == OK && !tagsMatch(request.query(), view)) {
            status = UNAVAILABLE;
        }
        return status;
    }

    /** 200 when this node may serve reads as a replica: running, in recovery, not lagging, load balanced. */
    private static int replicaCode(ApiRequest request, StatusDocument doc, NodeView view, Optional<Cluster> cluster) {
        long clusterLsn = cluster.map(Cluster::clusterLsn).orElse(0L);
        Long maxLag = ByteSize.parse(request.first("lag"));
        long limit = maxLag == null ? Long.MAX_VALUE : maxLag;
        long replayed = doc.xlog("replayed_location");
        boolean lagging = clusterLsn != 0 && clusterLsn > saturatingAdd(replayed, limit);
        boolean ok = !view.tag("noloadbalance") && !lagging && "replica".equals(doc.role()) && doc.isRunning();
        return ok ? OK : UNAVAILABLE;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    private static int synchronousPath(String path, StatusDocument doc, LockCodes lock, int replica) {
        boolean quorum = doc.flag("quorum_standby");
        boolean sync = doc.flag("sync_standby");
        switch (path) {
            case "/sync", "/synchronous" -> {
                return sync ? replica : UNAVAILABLE;
            }
            case "/quorum" -> {
                return quorum ? replica : UNAVAILABLE;
            }
            case "/async", "/asynchronous" -> {
                return !sync && !quorum ? replica : UNAVAILABLE;
            }
            case "/read-only-quorum" -> {
                return lock.primaryOrStandbyLeader() ? OK : quorum ? replica : UNAVAILABLE;
            }
            case "/read-only-sync", "/read-only-synchronous" -> {
                return lock.primaryOrStandbyLeader() ? OK : sync ? replica : UNAVAILABLE;
            }
            default -> {
                return UNAVAILABLE;
            }
        }
    }

    /**
     * {@code ?tag_<name>=<value>}: the node's tag must exist and equal the value; a non-text tag is
     * compared as Python's lower-cased {@code str()} ({@code true}, {@code 1}).
     */
    private static boolean tagsMatch(Map<String, List<String>> query, NodeView view) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!e.getKey().startsWith(TAG_PREFIX) || e.getValue().isEmpty()) {
                continue;
            }
            Object tag = view.node().tags().get(e.getKey().substring(TAG_PREFIX.length()));
            if (tag == null) {
                return false;
            }
            String text = tag instanceof String s ? s : pyStr(tag).toLowerCase(java.util.Locale.ROOT);
            if (!text.equals(e.getValue().get(0))) {
                return false;
            }
        }
        return true;
    }

    private static String pyStr(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return io.pgha.text.PyText.floatRepr(((Number) value).doubleValue());
        }
        return value.toString();
    }

    /** Leader, primary and standby-leader codes from the lock (rest-api.md §3.1); may also veto the replica code. */
    private record LockCodes(int leader, int primary, int standbyLeader, int replica) {

        static LockCodes of(StatusDocument doc, NodeView view, Optional<Cluster> cluster, int replica) {
            String role = doc.role();
            boolean primaryRole = "primary".equals(role);
            boolean standbyLeaderRole = "standby_leader".equals(role);
            if (cluster.isEmpty() && doc.flag("pause")) {
                return new LockCodes(code(primaryRole || standbyLeaderRole), code(primaryRole), code(standbyLeaderRole),
                        replica);
            }
            if (view.node().holdsLeaderKey()) {
                ClusterSettings settings = view.settings();
                if (settings.standbyCluster()) {
                    return new LockCodes(OK, UNAVAILABLE, code("replica".equals(role) || standbyLeaderRole), UNAVAILABLE);
                }
                return new LockCodes(OK, OK, UNAVAILABLE, replica);
            }
            return new LockCodes(UNAVAILABLE, UNAVAILABLE, UNAVAILABLE, replica);
        }

        boolean primaryOrStandbyLeader() {
            return primary == OK || standbyLeader == OK;
        }

        private static int code(boolean ok) {
            return ok ? OK : UNAVAILABLE;
        }
    }
}
