package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API over real HTTP, as patronictl, peers and load balancers call it. */
class RestServerIT {
    private final NodeView leader = CapturedNodes.view("healthy", "node1");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private RestServer server;
    private String base;

    @BeforeEach
    void start() {
        Router router = Router.readEndpoints(AccessControl.OPEN)
                .unsafe("POST", "echo", (request, view) ->
                        ApiResponse.message(200, new String(request.body(), StandardCharsets.UTF_8)));
        RestSettings settings = new RestSettings("127.0.0.1", FreePorts.next(), 5, 5, RestSettings.DEFAULT_MAX_THREADS,
                Map.of("X-Frame-Options", "deny"));
        server = new RestServer(leader::node, settings, Clock.fixed(leader.now(), ZoneOffset.UTC), router);
        server.start();
        base = "http://127.0.0.1:" + server.address().getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(2))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusDocumentClusterAndMetrics() throws Exception {
        HttpResponse<String> status = send("GET", "/patroni");
        assertEquals(200, status.statusCode());
        assertEquals("application/json", status.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("deny", status.headers().firstValue("X-Frame-Options").orElseThrow(), "http_extra_headers");
        assertEquals(io.pgha.text.PyJson.dumps(StatusDocument.of(leader).body()), status.body());

        HttpResponse<String> cluster = send("GET", "/cluster");
        assertEquals(200, cluster.statusCode());
        assertTrue(cluster.body().startsWith("{\"members\": [{\"name\": \"node1\", \"role\": \"leader\""), cluster.body());

        HttpResponse<String> metrics = send("GET", "/metrics");
        assertEquals(200, metrics.statusCode());
        assertEquals("text/plain", metrics.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(metrics.body().contains("patroni_primary{scope=\"demo\",name=\"node1\"} 1\n"));
    }

    @Test
    void healthChecksAnswerTheirCode() throws Exception {
        HttpResponse<String> replica = send("GET", "/replica");
        assertEquals(503, replica.statusCode(), "the leader is no replica");
        assertEquals(io.pgha.text.PyJson.dumps(StatusDocument.of(leader).body()), replica.body());
        assertEquals(200, send("GET", "/read-write").statusCode());

        HttpResponse<String> garbage = send("GET", "/no/such/endpoint%20at-all?x=1");
        assertEquals(503, garbage.statusCode(), "an unknown path is a health check that fails");
        assertEquals("application/json", garbage.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void headOptionsAndProbesAnswerOnlyAStatus() throws Exception {
        HttpResponse<String> head = send("HEAD", "/");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> options = send("OPTIONS", "/replica");
        assertEquals(503, options.statusCode());
        assertEquals("", options.body());
        assertTrue(options.headers().firstValue("Content-Type").isEmpty());
        HttpResponse<String> liveness = send("GET", "/liveness");
        assertEquals(200, liveness.statusCode());
        assertEquals("", liveness.body());
        assertEquals(200, send("GET", "/readiness").statusCode());
    }

    @Test
    void otherMethodsGetPythonsNotImplementedPage() throws Exception {
        HttpResponse<String> put = send("PUT", "/config");
        assertEquals(501, put.statusCode());
        assertTrue(put.body().contains("Server does not support this operation"), put.body());
        assertEquals("text/html;charset=utf-8", put.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void unsafeEndpointsReceiveTheRequestBody() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/echo")).timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString("{\"leader\": \"node1\"}")).build();
        HttpResponse<String> echoed = http.send(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, echoed.statusCode());
        assertEquals("{\"leader\": \"node1\"}", echoed.body());
        assertEquals("text/html", echoed.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void eachConnectionServesOneRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /patroni HTTP/1.1\r\nHost: localhost\r\n\r\nGET /cluster HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
            assertTrue(answer.toLowerCase().contains("\r\nconnection: close\r\n"), answer);
            assertEquals(1, answer.split("HTTP/1.1 ", -1).length - 1, "the second request is never answered: " + answer);
        }
    }

    @Test
    void halfSentRequestsDoNotStopTheServerAnswering() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()), 2000);
                socket.getOutputStream().write("GET /patroni HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            long started = System.nanoTime();
            HttpResponse<String> answer = send("GET", "/patroni");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, answer.statusCode());
            assertTrue(millis < 2000, "answered in " + millis + " ms");

            // the JDK's request timer gives the stalled threads back: the server hangs up on them
            Socket first = stalled.get(0);
            first.setSoTimeout((RestServer.MAX_REQUEST_SECONDS + 5) * 1000);
            InputStream in = first.getInputStream();
            try {
                assertEquals(-1, in.read(), "a stalled request is dropped, not answered");
            } catch (SocketTimeoutException e) {
                throw new AssertionError("a half-sent request was still held after "
                        + (RestServer.MAX_REQUEST_SECONDS + 5) + " s", e);
            } catch (IOException reset) {
                // dropped with a reset: as good as a close
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void stoppedServerRefusesConnections() {
        int port = server.address().getPort();
        server.stop();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }
}
