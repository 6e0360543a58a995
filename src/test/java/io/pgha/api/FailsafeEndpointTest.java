package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /failsafe as Patroni 3.0.2 answers it (ha-loop.md §7.2). */
class FailsafeEndpointTest {
    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    private static final String BODY = "{\"name\": \"node1\", \"conn_url\": \"postgres://127.0.0.1:5432/postgres\","
            + " \"api_url\": \"http://127.0.0.1:8008/patroni\", \"slots\": {\"node1\": 100}}";

    private final List<String> accepted = new ArrayList<>();
    private final Router router = Router.readEndpoints(AccessControl.OPEN)
            .unsafe("POST", "failsafe", new FailsafeEndpoint((name, connUrl, apiUrl) -> accepted.add(name + " " + connUrl + " " + apiUrl)));

    private NodeStates replica() {
        return NodeStates.of(CapturedNodes.view("healthy", "node2")).now(NOW);
    }

    private ApiResponse post(NodeView view, String body) {
        Map<String, String> headers = body == null ? Map.of()
                : Map.of("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        return router.route(new ApiRequest("POST", "/failsafe", Map.of(), headers, null,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)), view);
    }

    @Test
    void aReplicaAcceptsThePrimaryAndRemembersIt() {
        ApiResponse response = post(replica().config("failsafe_mode", true).view(), BODY);

        assertEquals(200, response.status());
        assertEquals("Accepted", response.bodyText());
        assertEquals(List.of("node1 postgres://127.0.0.1:5432/postgres http://127.0.0.1:8008/patroni"), accepted);
    }

    @Test
    void withFailsafeModeOffTheAnswerIs502() {
        ApiResponse response = post(replica().config("failsafe_mode", false).view(), BODY);

        assertEquals(502, response.status());
        assertEquals(List.of(), accepted);
    }

    @Test
    void aRunningPrimaryRefuses() {
        ApiResponse response = post(NodeStates.of(CapturedNodes.view("healthy", "node1")).now(NOW)
                .role("primary").config("failsafe_mode", true).view(), BODY);

        assertEquals(500, response.status());
        assertEquals("Running as a leader", response.bodyText());
        assertEquals(List.of(), accepted);
    }

    @Test
    void aMissingOrEmptyBodyIsRefusedLikeOtherWrites() {
        NodeView view = replica().config("failsafe_mode", true).view();

        assertEquals(411, post(view, null).status());
        assertEquals(400, post(view, "{}").status());
        assertEquals(400, post(view, "{\"conn_url\": \"x\"}").status());
        assertEquals(List.of(), accepted);
    }
}
