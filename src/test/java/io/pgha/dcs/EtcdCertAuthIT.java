package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.EtcdFixture;
import io.pgha.testing.FreePorts;
import io.pgha.testing.ManagedProcess;
import io.pgha.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Client-certificate CN authentication (etcd {@code --client-cert-auth} with auth enabled): the gRPC
 * transport is the user the certificate names, with no password, and gets only that user's role. The
 * JSON gateway cannot carry the certificate's identity to etcd's auth layer (nor can Patroni over it):
 * a certificate alone is not a user there, and etcd refuses a password login through the gateway from a
 * client whose certificate has a CN.
 */
class EtcdCertAuthIT {
    private static final String ROOT_PASSWORD = "r00t-etcd-pass";
    private static Path dir;
    private static TestCertificates certs;
    private static ManagedProcess etcd;
    private static URI endpoint;

    @BeforeAll
    static void startEtcdWithCertificateAuth() throws Exception {
        dir = Files.createTempDirectory("pgha-etcd-cn-");
        certs = TestCertificates.authority(dir, "ca").server("server").client("agent", "pgha-agent")
                .client("root", "root").client("nobody", "nobody");
        int clientPort = FreePorts.next();
        int peerPort = FreePorts.next();
        endpoint = URI.create("https://127.0.0.1:" + clientPort);
        etcd = ManagedProcess.start("etcd-cn", List.of(EtcdFixture.ETCD.toString(),
                "--name", "cn", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", endpoint.toString(), "--advertise-client-urls", endpoint.toString(),
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", "cn=http://127.0.0.1:" + peerPort,
                "--cert-file", certs.pem("server").toString(), "--key-file", certs.key("server").toString(),
                "--trusted-ca-file", certs.ca().toString(), "--client-cert-auth",
                "--log-level", "warn"), dir, dir.resolve("etcd.log"));
        awaitServing();
        // etcdctl role add / user add / role grant-permission --prefix / user grant-role / auth enable, on the gateway
        call("/v3/auth/role/add", "{\"name\":\"root\"}");
        call("/v3/auth/user/add", "{\"name\":\"root\",\"password\":\"" + ROOT_PASSWORD + "\"}");
        call("/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}");
        call("/v3/auth/role/add", "{\"name\":\"pgha\"}");
        call("/v3/auth/role/grant", "{\"name\":\"pgha\",\"perm\":{\"permType\":\"READWRITE\","
                + "\"key\":\"" + b64("/service/") + "\",\"range_end\":\"" + b64("/service0") + "\"}}");
        call("/v3/auth/user/add", "{\"name\":\"pgha-agent\",\"options\":{\"no_password\":true}}");
        call("/v3/auth/user/grant", "{\"user\":\"pgha-agent\",\"role\":\"pgha\"}");
        call("/v3/auth/enable", "{}");
    }

    @AfterAll
    static void stop() throws IOException {
        if (etcd != null) {
            etcd.kill();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static EtcdSettings certificate(String name) {
        return new EtcdSettings(List.of(endpoint), null, null, certs.ca(), certs.pem(name), certs.key(name),
                Duration.ofSeconds(5));
    }

    @Test
    void grpcIsTheUserItsCertificateNamesWithoutAPassword() {
        try (Dcs agent = new EtcdGrpcDcs(certificate("agent"))) {
            agent.put("/service/cn/leader", "node1", 0);
            assertEquals("node1", agent.get("/service/cn/leader").orElseThrow().value());
            assertTrue(agent.putIfAbsent("/service/cn/initialize", "7", 0));
            DcsException outside = assertThrows(DcsException.class, () -> agent.put("/elsewhere", "x", 0));
            assertTrue(outside.getMessage().contains("permission denied"), "only the role's prefix: " + outside.getMessage());
            assertFalse(outside.getMessage().contains("\n"), outside.getMessage());
        }
    }

    @Test
    void grpcWithACertificateForNoUserIsRefused() {
        try (Dcs nobody = new EtcdGrpcDcs(certificate("nobody"))) {
            DcsException error = assertThrows(DcsException.class, () -> nobody.get("/service/cn/leader"));
            assertTrue(error.getMessage().contains(endpoint.toString()), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
        }
    }

    @Test
    void gatewayCannotUseACertificateIdentityAndSaysSo() {
        try (Dcs gateway = new EtcdGatewayDcs(certificate("agent"))) {
            DcsException error = assertThrows(DcsException.class, () -> gateway.get("/service/cn/leader"));
            assertTrue(error.getMessage().contains(endpoint.toString()), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
        }
        // etcd's gateway even refuses a password login from a client whose certificate has a CN
        EtcdSettings rootWithPassword = new EtcdSettings(List.of(endpoint), "root", ROOT_PASSWORD, certs.ca(),
                certs.pem("agent"), certs.key("agent"), Duration.ofSeconds(5));
        try (Dcs gateway = new EtcdGatewayDcs(rootWithPassword)) {
            DcsException error = assertThrows(DcsException.class, () -> gateway.get("/service/cn/leader"));
            assertTrue(error.getMessage().contains("CommonName of client sending a request against gateway will be ignored"),
                    error.getMessage());
            assertFalse(error.getMessage().contains(ROOT_PASSWORD), error.getMessage());
        }
    }

    private static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static HttpClient rootClient() {
        return HttpClient.newBuilder().sslContext(PemTls.load(certs.ca(), certs.pem("root"), certs.key("root")).sslContext())
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static void call(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = rootClient().send(HttpRequest.newBuilder(endpoint.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
    }

    private static void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<String> health = rootClient().send(HttpRequest.newBuilder(endpoint.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!etcd.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("TLS etcd not serving:\n" + etcd.logTail(20));
            }
            Thread.sleep(100);
        }
    }
}
