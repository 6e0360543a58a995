package io.pgha.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.pgha.testing.FreePorts;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What real members rarely do: answer 5xx, send garbage, hang. The client stays bounded and one-line. */
class NodeClientTest {
    private WireMockServer server;
    private URI base;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").port(FreePorts.next()));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private NodeClient client(Duration timeout) {
        return new NodeClient(RestClientSettings.plain().withTimeout(timeout));
    }

    @Test
    void serverErrorIsReturnedWithItsBody() {
        server.stubFor(get("/patroni").willReturn(aResponse().withStatus(503).withBody("restart conditions are not satisfied")));
        try (NodeClient client = client(Duration.ofSeconds(15))) {
            NodeResponse response = client.get(base.resolve("/patroni"));
            assertEquals(503, response.status());
            assertFalse(response.isSuccess());
            assertEquals("restart conditions are not satisfied", response.body());
        }
    }

    @Test
    void garbageBodyIsNotJson() {
        server.stubFor(get("/patroni").willReturn(aResponse().withStatus(200).withBody("\u0000\u00ff{{garbage")));
        try (NodeClient client = client(Duration.ofSeconds(15))) {
            assertTrue(client.get(base.resolve("/patroni")).json().isEmpty());
        }
    }

    @Test
    void aHangingMemberTimesOutWithOneLine() {
        server.stubFor(get("/patroni").willReturn(aResponse().withFixedDelay(5000).withBody("{}")));
        try (NodeClient client = client(Duration.ofMillis(500))) {
            long start = System.nanoTime();
            NodeException e = assertThrows(NodeException.class, () -> client.get(base.resolve("/patroni")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2500, "took " + millis + " ms");
            assertEquals("GET " + base + "/patroni: timed out", e.getMessage());
        }
    }

    @Test
    void aSlowOperationGetsItsOwnTimeLimit() {
        server.stubFor(post("/restart").willReturn(aResponse().withFixedDelay(1500).withBody("restarted")));
        try (NodeClient client = client(Duration.ofMillis(500))) {
            NodeResponse response = client.call("POST", base.resolve("/restart"), "{}", Duration.ofSeconds(30));
            assertEquals("restarted", response.body());
            assertThrows(NodeException.class, () -> client.call("POST", base.resolve("/restart"), "{}"));
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() {
        URI closed = URI.create("http://127.0.0.1:" + FreePorts.next() + "/patroni");
        try (NodeClient client = client(Duration.ofSeconds(2))) {
            NodeException e = assertThrows(NodeException.class, () -> client.get(closed));
            assertEquals("GET " + closed + ": connection refused", e.getMessage());
        }
    }

    @Test
    void basicAuthAndJsonBodyAreSent() {
        server.stubFor(post("/reload").willReturn(aResponse().withStatus(202).withBody("reload scheduled")));
        RestClientSettings settings = new RestClientSettings("apiuser", "apipass", false, null, null, null, Duration.ofSeconds(2));
        try (NodeClient client = new NodeClient(settings)) {
            assertEquals(202, client.call("POST", base.resolve("/reload"), "{\"force\": true}").status());
        }
        server.verify(postRequestedFor(urlEqualTo("/reload"))
                .withHeader("Authorization", equalTo("Basic YXBpdXNlcjphcGlwYXNz"))
                .withRequestBody(equalTo("{\"force\": true}")));
    }
}
