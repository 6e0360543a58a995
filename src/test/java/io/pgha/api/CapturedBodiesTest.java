package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.testing.Captures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON bodies we serve for the captured cluster states are Patroni 3.0.2's, byte for byte, once
 * the documented 4.x differences are undone:
 * <ul>
 * <li>status document: {@code role} is {@code primary} (3.0.2: {@code master}); {@code patroni.name}
 *     is added (3.2.0); replicas report {@code replication_state} (3.0.4);</li>
 * <li>{@code /cluster}: {@code scope} is added (3.2.0) and non-leaders carry {@code receive_lsn},
 *     {@code receive_lag}, {@code replay_lsn}, {@code replay_lag} and {@code lsn} beside {@code lag} (4.1.0).</li>
 * </ul>
 */
class CapturedBodiesTest {

    static Stream<Arguments> answeringNodes() {
        List<Arguments> nodes = new ArrayList<>();
        for (String state : Captures.STATES) {
            for (String node : List.of("node1", "node2", "node3")) {
                if (CapturedNodes.answered(state, node)) {
                    nodes.add(Arguments.of(state, node));
                }
            }
        }
        return nodes.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answeringNodes")
    void statusDocumentIsPatronis(String state, String node) {
        NodeView view = CapturedNodes.view(state, node);
        String ours = io.pgha.text.PyJson.dumps(as302(StatusDocument.of(view).body()));
        assertEquals(Captures.text(state, "rest-" + node + "-patroni.body"), ours);
        assertEquals(Captures.text(state, "rest-" + node + "-root.body"), ours, "GET / carries the same document");
    }

    /**
     * In these two captures the etcd dump predates node3's next member write (loop_wait 2): its key
     * still says timeline 1 where the /cluster read a moment later saw 2, so the bodies cannot agree.
     */
    private static final List<String> DUMP_OLDER_THAN_CLUSTER_READ = List.of("fast-after-failover", "sync-after-failover");

    static Stream<Arguments> consistentClusterReads() {
        return answeringNodes().filter(a -> !DUMP_OLDER_THAN_CLUSTER_READ.contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("consistentClusterReads")
    void clusterDocumentIsPatronis(String state, String node) {
        NodeView view = CapturedNodes.view(state, node);
        ApiResponse response = DcsEndpoints.cluster(ApiRequest.of("GET", "/cluster"), view);
        assertEquals(200, response.status());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) io.pgha.dcs.Json.parse(response.bodyText()).orElseThrow();
        assertEquals("demo", body.get("scope"));
        assertEquals(Captures.text(state, "rest-" + node + "-cluster.body"), io.pgha.text.PyJson.dumps(clusterAs302(body)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answeringNodes")
    void historyAndConfigArePatronis(String state, String node) {
        NodeView view = CapturedNodes.view(state, node);
        ApiResponse history = DcsEndpoints.history(ApiRequest.of("GET", "/history"), view);
        assertEquals(200, history.status());
        assertEquals(ApiResponse.JSON, history.contentType());
        assertEquals(Captures.text(state, "rest-" + node + "-history.body"), history.bodyText());
        ApiResponse config = DcsEndpoints.config(ApiRequest.of("GET", "/config"), view);
        assertEquals(200, config.status());
        assertEquals(Captures.text(state, "rest-" + node + "-config.body"), config.bodyText());
    }

    /** Undoes the 4.x differences of the status document listed above. */
    private static Map<String, Object> as302(Map<String, Object> body) {
        Map<String, Object> old = new LinkedHashMap<>(body);
        if ("primary".equals(old.get("role"))) {
            old.put("role", "master");
        }
        old.remove("replication_state");
        @SuppressWarnings("unchecked")
        Map<String, Object> patroni = new LinkedHashMap<>((Map<String, Object>) old.get("patroni"));
        patroni.remove("name");
        old.put("patroni", patroni);
        return old;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> clusterAs302(Map<String, Object> body) {
        Map<String, Object> old = new LinkedHashMap<>(body);
        old.remove("scope");
        List<Object> members = new ArrayList<>();
        for (Object item : (List<Object>) old.get("members")) {
            Map<String, Object> member = new LinkedHashMap<>((Map<String, Object>) item);
            for (String field : List.of("receive_lsn", "receive_lag", "replay_lsn", "replay_lag", "lsn")) {
                member.remove(field);
            }
            members.add(member);
        }
        old.put("members", members);
        return old;
    }
}
