package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.config.RestApiSecurity;
import io.pgha.testing.FreePorts;
import io.pgha.testing.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rest-api.md §2 over real sockets: HTTPS with certificates openssl made for the test, each
 * {@code verify_client} mode as Patroni applies it, and the allow list seen from different loopback
 * addresses (Linux routes all of 127/8 to lo, so a client socket bound to 127.0.0.2 is another host).
 */
class RestAccessIT {
    private static final String KEY_PASSWORD = "k3y pass";
    private static Path dir;
    private static TestCertificates certs;
    private static TestCertificates stranger;

    private final NodeView leader = CapturedNodes.view("healthy", "node1");
    private RestServer server;

    @BeforeAll
    static void makeCertificates() throws IOException {
        dir = Files.createTempDirectory("pgha-rest-access-");
        certs = TestCertificates.authority(dir, "ca").server("server").client("client", "ctl");
        certs.encryptedKey("server", KEY_PASSWORD);
        stranger = TestCertificates.authority(dir, "other").client("client", "ctl");
    }

    @AfterAll
    static void removeCertificates() throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private URI start(RestApiSecurity config, BasicAuth auth) {
        RestSecurity security = RestSecurity.of(config);
        Router router = Router.readEndpoints(security.around(BasicAuth.orOpen(auth)))
                .unsafe("POST", "echo", (request, view) -> ApiResponse.message(200, "done"));
        RestSettings settings = new RestSettings("0.0.0.0", FreePorts.next(), 5, 5, RestSettings.DEFAULT_MAX_THREADS, Map.of());
        server = new RestServer(leader::node, settings, Clock.fixed(leader.now(), ZoneOffset.UTC), router, security);
        server.start();
        return URI.create((config.https() ? "https" : "http") + "://127.0.0.1:" + server.address().getPort());
    }

    private static RestApiSecurity tls(String verifyClient) {
        return new RestApiSecurity(certs.pem("server"), certs.dir().resolve("server-encrypted.key"), KEY_PASSWORD,
                certs.ca(), verifyClient, List.of(), false);
    }

    private static NodeClient client(Path certfile, Path keyfile) {
        return new NodeClient(new RestClientSettings(null, null, false, certs.ca(), certfile, keyfile,
                Duration.ofSeconds(5), null));
    }

    @Test
    void httpsWithAnEncryptedKeyServesAndPlainHttpGetsNothing() throws IOException {
        URI base = start(tls("none"), null);
        try (NodeClient client = client(null, null)) {
            NodeResponse status = client.get(base.resolve("/patroni"));
            assertEquals(200, status.status());
            assertTrue(status.body().contains("\"role\": \"primary\""), status.body());
            assertEquals(200, client.call("POST", base.resolve("/echo"), "{}").status(), "verify_client none asks for nothing");
        }
        String plain = raw("127.0.0.1", base.getPort(), "GET /patroni HTTP/1.0\r\n\r\n");
        assertFalse(plain.startsWith("HTTP/"), "plain HTTP must not be answered on the HTTPS port: " + plain);
        try (NodeClient untrusting = new NodeClient(new RestClientSettings(null, null, false, null, null, null,
                Duration.ofSeconds(5)))) {
            assertThrows(NodeException.class, () -> untrusting.get(base.resolve("/patroni")),
                    "a server certificate the client does not trust is refused");
        }
    }

    @Test
    void requiredRefusesEveryConnectionWithoutATrustedClientCertificate() {
        URI base = start(tls("required"), null);
        try (NodeClient anonymous = client(null, null); NodeClient foreign = foreignClient();
                NodeClient known = client(certs.pem("client"), certs.key("client"))) {
            assertThrows(NodeException.class, () -> anonymous.get(base.resolve("/patroni")));
            assertThrows(NodeException.class, () -> foreign.get(base.resolve("/patroni")));
            assertEquals(200, known.get(base.resolve("/patroni")).status());
            assertEquals(200, known.call("POST", base.resolve("/echo"), "{}").status());
        }
    }

    @Test
    void optionalServesReadsButUnsafeRequestsNeedACertificate() {
        URI base = start(tls("optional"), null);
        try (NodeClient anonymous = client(null, null); NodeClient foreign = foreignClient();
                NodeClient known = client(certs.pem("client"), certs.key("client"))) {
            assertEquals(200, anonymous.get(base.resolve("/patroni")).status());
            NodeResponse refused = anonymous.call("POST", base.resolve("/echo"), "{}");
            assertEquals(403, refused.status());
            assertEquals("client certificate required", refused.body());
            // the JDK's client offers only a certificate from an authority the server names, so this one goes unsent
            assertEquals(200, foreign.get(base.resolve("/patroni")).status());
            assertEquals(403, foreign.call("POST", base.resolve("/echo"), "{}").status());
            assertEquals(200, known.call("POST", base.resolve("/echo"), "{}").status());
        }
    }

    @Test
    void certificateChecksComeBeforeBasicAuth() {
        URI base = start(tls("optional"), new BasicAuth("api", "s3cret"));
        try (NodeClient anonymous = client(null, null); NodeClient known = client(certs.pem("client"), certs.key("client"));
                NodeClient authorised = new NodeClient(new RestClientSettings("api", "s3cret", false, certs.ca(),
                        certs.pem("client"), certs.key("client"), Duration.ofSeconds(5), null))) {
            assertEquals(403, anonymous.call("POST", base.resolve("/echo"), "{}").status());
            NodeResponse noAuth = known.call("POST", base.resolve("/echo"), "{}");
            assertEquals(401, noAuth.status());
            assertEquals("no auth header received", noAuth.body());
            assertEquals(200, authorised.call("POST", base.resolve("/echo"), "{}").status());
        }
    }

    @Test
    void allowListRefusesUnsafeRequestsFromOtherAddresses() throws IOException {
        URI base = start(new RestApiSecurity(null, null, null, null, "none", List.of("127.0.0.1", "127.0.0.4/31"), false), null);
        int port = base.getPort();
        assertTrue(post("127.0.0.1", port).startsWith("HTTP/1.1 200"));
        String refused = post("127.0.0.2", port);
        assertTrue(refused.startsWith("HTTP/1.1 403"), refused);
        assertTrue(refused.endsWith("\r\n\r\nAccess is denied"), refused);
        assertTrue(refused.toLowerCase(java.util.Locale.ROOT).contains("content-type: text/html"), refused);
        assertTrue(post("127.0.0.5", port).startsWith("HTTP/1.1 200"), "127.0.0.5 is in 127.0.0.4/31");
        assertTrue(raw("127.0.0.2", port, "GET /patroni HTTP/1.0\r\n\r\n").startsWith("HTTP/1.1 200"),
                "reads are never filtered");
    }

    @Test
    void allowListByHostNameAndByMembersApiUrls() throws IOException {
        URI base = start(new RestApiSecurity(null, null, null, null, "none", List.of("localhost"), true), null);
        int port = base.getPort();
        // the captured members' api_url hosts are all 127.0.0.1; localhost resolves to 127.0.0.1 (and ::1)
        assertTrue(post("127.0.0.1", port).startsWith("HTTP/1.1 200"));
        assertTrue(post("127.0.0.3", port).startsWith("HTTP/1.1 403"));
        server.stop();
        base = start(new RestApiSecurity(null, null, null, null, "none", List.of("127.0.0.3"), true), null);
        assertTrue(post("127.0.0.1", base.getPort()).startsWith("HTTP/1.1 200"), "a member's address");
        assertTrue(post("127.0.0.3", base.getPort()).startsWith("HTTP/1.1 200"), "listed");
        assertTrue(post("127.0.0.2", base.getPort()).startsWith("HTTP/1.1 403"), "neither");
    }

    private NodeClient foreignClient() {
        return client(stranger.pem("client"), stranger.key("client"));
    }

    private static String post(String from, int port) throws IOException {
        return raw(from, port, "POST /echo HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}");
    }

    /** One request from a socket bound to {@code from}; what came back, or "" when the connection was cut. */
    private static String raw(String from, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException | java.net.SocketTimeoutException cut) {
            return "";
        }
    }
}
