package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Requests reach the endpoint Patroni would pick (rest-api.md §1). */
class RouterTest {
    private final Router router = Router.readEndpoints(AccessControl.OPEN);
    private final NodeView leader = CapturedNodes.view("healthy", "node1");

    private ApiResponse route(String method, String pathAndQuery) {
        return router.route(ApiRequest.of(method, pathAndQuery), leader);
    }

    @Test
    void firstSegmentChoosesTheEndpoint() {
        String status = io.pgha.text.PyJson.dumps(StatusDocument.of(leader).body());
        assertEquals(status, route("GET", "/patroni").bodyText());
        assertEquals(status, route("GET", "/patroni/anything?x=1").bodyText());
        assertEquals(status, route("GET", "//patroni").bodyText());
        assertEquals(ApiResponse.PLAIN, route("GET", "/metrics").contentType());
        assertTrue(route("GET", "/cluster/").bodyText().startsWith("{\"members\": ["));
    }

    @Test
    void unknownGetIsAHealthCheckWithTheStatusDocument() {
        ApiResponse response = route("GET", "/nonexistent");
        assertEquals(503, response.status());
        assertEquals(ApiResponse.JSON, response.contentType());
        assertEquals(io.pgha.text.PyJson.dumps(StatusDocument.of(leader).body()), response.bodyText());
        assertEquals(200, route("GET", "/").status(), "/ is /primary");
        assertEquals(503, route("GET", "/Patroni").status(), "endpoint names are case-sensitive");
    }

    @Test
    void headAndOptionsAreAlwaysHealthChecks() {
        ApiResponse head = route("HEAD", "/patroni");
        assertEquals(503, head.status(), "Patroni has no HEAD /patroni: it is a health check on that path");
        assertTrue(head.statusOnly());
        assertEquals(200, route("OPTIONS", "/primary").status());
        assertTrue(route("OPTIONS", "/primary").statusOnly());
        assertEquals(200, route("HEAD", "/").status());
    }

    @Test
    void otherMethodsAreNotImplementedInTheWordsPatronictlLooksFor() {
        ApiResponse response = route("PUT", "/config");
        assertEquals(501, response.status());
        assertTrue(response.bodyText().contains("Unsupported method ('PUT')"));
        assertTrue(response.bodyText().contains("Server does not support this operation"));
        assertEquals(501, route("POST", "/switchover").status());
    }

    @Test
    void unsafeEndpointsPassTheAccessControlFirst() {
        AccessControl denyAll = (request, view) -> Optional.of(ApiResponse.message(403, "Access is denied"));
        Router guarded = Router.readEndpoints(denyAll)
                .unsafe("POST", "reload", (request, view) -> ApiResponse.message(202, "reload scheduled"));
        ApiResponse refused = guarded.route(ApiRequest.of("POST", "/reload"), leader);
        assertEquals(403, refused.status());
        assertEquals("Access is denied", refused.bodyText());
        assertEquals(200, guarded.route(ApiRequest.of("GET", "/patroni"), leader).status(), "GETs are never checked");
        assertTrue(guarded.readsBody("POST", "reload"));

        Router open = Router.readEndpoints(AccessControl.OPEN)
                .unsafe("POST", "reload", (request, view) -> ApiResponse.message(202, "reload scheduled"));
        ApiResponse accepted = open.route(ApiRequest.of("POST", "/reload"), leader);
        assertEquals(202, accepted.status());
        assertEquals(ApiResponse.HTML, accepted.contentType());
    }

    @Test
    void queryIsParsedLikePythonsParseQs() {
        ApiRequest request = ApiRequest.of("GET", "/replica?lag=&tag_dc=west+1&tag_dc=east&flag&tag_x=%41");
        assertEquals(Map.of("tag_dc", List.of("west 1", "east"), "tag_x", List.of("A")), request.query());
        assertEquals("/replica", request.path());
    }
}
