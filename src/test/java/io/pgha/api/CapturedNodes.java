package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.Json;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import io.pgha.ha.ClusterSettings;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PostmasterState;
import io.pgha.postgres.ReplicationRow;
import io.pgha.testing.Captures;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Node snapshots mirroring what the Patroni 3.0.2 nodes of the captures reported: the cluster from
 * the etcd dump, the local PostgreSQL from the node's {@code rest-nodeN-patroni.body}. Replicas get
 * {@code replication_state: streaming}, which 3.0.2 did not report yet and our agent does.
 */
final class CapturedNodes {
    static final Keyspace DEMO = new Keyspace("/service", "demo");
    static final String VERSION = "3.0.2";
    private static final DateTimeFormatter PY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]xxx");

    private CapturedNodes() {
    }

    static Cluster cluster(String state) {
        return ClusterParser.parse(DEMO, Captures.range(state));
    }

    /** Whether the capture has the node's status document (a killed node has none). */
    static boolean answered(String state, String node) {
        return Files.exists(Captures.dir(state).resolve("rest-" + node + "-patroni.body"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> capturedJson(String state, String file) {
        return (Map<String, Object>) Json.parse(Captures.text(state, file)).orElseThrow();
    }

    /** The node as its agent would publish it a second after its last DCS read. */
    static NodeState node(String state, String name) {
        Cluster cluster = cluster(state);
        Map<String, Object> body = capturedJson(state, "rest-" + name + "-patroni.body");
        Instant seen = Instant.ofEpochSecond(((Number) body.get("dcs_last_seen")).longValue());
        Member member = cluster.member(name).orElseThrow();
        long ttl = ClusterSettings.from(cluster.config()).timings().ttl();
        return new NodeState(name, "demo", VERSION, "master".equals(body.get("role")) ? "primary" : "replica",
                postgres(body), cluster, seen, cluster.isLeader(member), member.tags(), seen, ttl,
                ClusterSettings.from(cluster.config()).maximumLagOnFailover(), false, null, false, null);
    }

    static NodeView view(String state, String name) {
        NodeState node = node(state, name);
        return new NodeView(node, node.dcsLastSeen().plusSeconds(1));
    }

    @SuppressWarnings("unchecked")
    static LocalPostgresStatus postgres(Map<String, Object> body) {
        Map<String, Object> xlog = (Map<String, Object>) body.get("xlog");
        boolean replica = !xlog.containsKey("location");
        List<ReplicationRow> rows = new ArrayList<>();
        for (Object item : (List<Object>) body.getOrDefault("replication", List.of())) {
            Map<String, Object> r = (Map<String, Object>) item;
            rows.add(new ReplicationRow((String) r.get("usename"), (String) r.get("application_name"),
                    (String) r.get("client_addr"), (String) r.get("state"), (String) r.get("sync_state"),
                    ((Number) r.get("sync_priority")).intValue(), null, null, null));
        }
        return new LocalPostgresStatus(PostmasterState.RUNNING, 4242L, time(body.get("postmaster_start_time")),
                ((Number) body.get("server_version")).intValue(), replica,
                replica ? null : number(xlog.get("location")),
                replica ? number(xlog.get("received_location")) : null,
                replica ? number(xlog.get("replayed_location")) : null,
                replica ? time(xlog.get("replayed_timestamp")) : null,
                replica ? (Boolean) xlog.get("paused") : null,
                ((Number) body.get("timeline")).intValue(), replica ? "streaming" : null, null, rows,
                (String) body.get("database_system_identifier"), Map.of(), null);
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    static Instant time(Object text) {
        return text == null ? null : OffsetDateTime.parse((String) text, PY_TIME).toInstant();
    }
}
