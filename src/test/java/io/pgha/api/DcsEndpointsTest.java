package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.dcs.HistoryEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /history, /config, /failsafe and /cluster when the DCS holds less than a healthy cluster. */
class DcsEndpointsTest {
    private static final ApiRequest GET = ApiRequest.of("GET", "/");

    @Test
    void historyKeepsEachEntrysLength() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1")).history(List.of(
                new HistoryEntry(1, 25165984, "no recovery target specified", null, null),
                new HistoryEntry(2, 67312280, "no recovery target specified", "2026-11-25T22:30:12.749617+00:00",
                        "node2"))).view();
        assertEquals("[[1, 25165984, \"no recovery target specified\"], [2, 67312280, \"no recovery target specified\", "
                + "\"2026-11-25T22:30:12.749617+00:00\", \"node2\"]]", DcsEndpoints.history(GET, view).bodyText());
    }

    @Test
    void missingHistoryIsAnEmptyList() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1")).history(null).view();
        assertEquals("[]", DcsEndpoints.history(GET, view).bodyText());
    }

    @Test
    void configWithoutAValidKeyIsBadGateway() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1")).withoutConfig().view();
        ApiResponse response = DcsEndpoints.config(GET, view);
        assertEquals(502, response.status());
        assertEquals(ErrorPage.CONTENT_TYPE, response.contentType());
    }

    @Test
    void failsafeTopologyIsServedEvenWhenModeIsOff() {
        Map<String, String> topology = new LinkedHashMap<>();
        topology.put("node1", "http://127.0.0.1:8108/patroni");
        topology.put("node2", "http://127.0.0.1:8109/patroni");
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node1"));
        assertEquals(502, DcsEndpoints.failsafe(GET, node.view()).status(), "no failsafe key");
        ApiResponse response = DcsEndpoints.failsafe(GET, node.failsafe(topology).view());
        assertEquals(200, response.status());
        assertEquals("{\"node1\": \"http://127.0.0.1:8108/patroni\", \"node2\": \"http://127.0.0.1:8109/patroni\"}",
                response.bodyText());
    }

    @Test
    void withoutAnyViewTheDcsEndpointsAreUnavailable() {
        NodeView view = NodeStates.stopped("uninitialized");
        assertEquals(503, DcsEndpoints.cluster(GET, view).status());
        assertEquals(503, DcsEndpoints.history(GET, view).status());
        assertEquals(503, DcsEndpoints.config(GET, view).status());
        assertEquals(502, DcsEndpoints.failsafe(GET, view).status());
    }

    @Test
    void staleViewIsStillShown() {
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node1"));
        NodeView stale = node.now(node.build().dcsLastSeen().plusSeconds(3600)).view();
        assertEquals(200, DcsEndpoints.cluster(GET, stale).status());
        assertEquals(200, DcsEndpoints.config(GET, stale).status());
    }
}
