package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** restapi.authentication guards the write endpoints, never the read ones (rest-api.md §2). */
class BasicAuthTest {
    private final InMemoryKeyspace keyspace = InMemoryKeyspace.threeNodes("{\"ttl\":30}");
    private final Router router = RestServer.writeEndpoints(
            Router.readEndpoints(new BasicAuth("admin", "s3cret:pw")), keyspace);
    private final NodeView view = CapturedNodes.view("healthy", "node1");

    private ApiResponse send(String method, String path, String authorization) {
        byte[] body = "{\"leader\":\"node2\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = authorization == null ? Map.of("content-length", "" + body.length)
                : Map.of("content-length", "" + body.length, "authorization", authorization);
        return router.route(new ApiRequest(method, path, Map.of(), headers, null, body), view);
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesWithoutTheRightCredentialsAre401WithPatronisTexts() {
        ApiResponse missing = send("POST", "/switchover", null);
        assertEquals(401, missing.status());
        assertEquals("no auth header received", missing.bodyText());
        assertEquals("Basic realm=\"Patroni\"", missing.headers().get("WWW-Authenticate"));
        assertEquals("not authenticated", send("PATCH", "/config", basic("admin:wrong")).bodyText());
        assertEquals("not authenticated", send("DELETE", "/switchover", "Bearer abc").bodyText());
        assertEquals("not authenticated", send("POST", "/failover", basic("admin:s3cret")).bodyText());
        assertNull(keyspace.value("failover"));
    }

    @Test
    void theRightCredentialsPassAndReadsNeedNone() {
        assertEquals("leader name does not match", send("POST", "/switchover", basic("admin:s3cret:pw")).bodyText());
        assertEquals(200, send("GET", "/patroni", null).status());
        assertFalse(new BasicAuth("admin", "s3cret:pw").toString().contains("s3cret"));
    }
}
