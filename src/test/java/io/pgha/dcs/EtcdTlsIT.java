package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.EtcdFixture;
import io.pgha.testing.FreePorts;
import io.pgha.testing.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both transports against an etcd that serves TLS and requires client certificates, with the PEM files
 * (cacert, cert, key) Patroni's etcd3 section names; keys in the three formats openssl writes.
 */
class EtcdTlsIT {
    private static Path dir;
    private static ManagedProcess etcd;
    private static URI endpoint;

    @BeforeAll
    static void startTlsEtcd() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("pgha-etcd-tls-");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                "-subj", "/CN=pgha test CA", "-days", "2");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        signed("server", "rsa:2048", "/CN=127.0.0.1");
        signed("client", "rsa:2048", "/CN=root");
        openssl("rsa", "-in", "client.key", "-traditional", "-out", "client-pkcs1.key");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
        openssl("req", "-new", "-key", "ec.key", "-out", "ec.csr", "-subj", "/CN=root");
        openssl("x509", "-req", "-in", "ec.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "ec.pem", "-days", "2");

        int clientPort = FreePorts.next();
        int peerPort = FreePorts.next();
        endpoint = URI.create("https://127.0.0.1:" + clientPort);
        etcd = ManagedProcess.start("etcd-tls", List.of(EtcdFixture.ETCD.toString(),
                "--name", "tls", "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", endpoint.toString(), "--advertise-client-urls", endpoint.toString(),
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", "tls=http://127.0.0.1:" + peerPort,
                "--cert-file", file("server.pem"), "--key-file", file("server.key"),
                "--trusted-ca-file", file("ca.pem"), "--client-cert-auth",
                "--log-level", "warn"), dir, dir.resolve("etcd.log"));
        awaitServing();
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.kill();
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is not worth failing for
            }
        }
    }

    @Test
    void pkcs8ClientKeyWorksOnBothTransports() {
        try (Dcs gateway = new EtcdGatewayDcs(tls("client.pem", "client.key"));
                Dcs grpc = new EtcdGrpcDcs(tls("client.pem", "client.key"))) {
            gateway.put("/service/tls/leader", "node1", 0);
            assertEquals("node1", grpc.get("/service/tls/leader").orElseThrow().value());
            assertTrue(grpc.putIfAbsent("/service/tls/initialize", "42", 0));
            assertEquals("42", gateway.get("/service/tls/initialize").orElseThrow().value());
        }
    }

    @Test
    void pkcs1RsaAndSec1EcKeysWorkOnBothTransports() {
        for (Function<EtcdSettings, Dcs> transport : List.<Function<EtcdSettings, Dcs>>of(EtcdGatewayDcs::new, EtcdGrpcDcs::new)) {
            try (Dcs rsa = transport.apply(tls("client.pem", "client-pkcs1.key")); Dcs ec = transport.apply(tls("ec.pem", "ec.key"))) {
                long revision = rsa.put("/service/tls/config", "{}", 0);
                assertEquals(revision, ec.get("/service/tls/config").orElseThrow().modRevision());
            }
        }
    }

    @Test
    void missingClientCertificateIsRefusedInOneLine() {
        EtcdSettings noClientCert = new EtcdSettings(List.of(endpoint), null, null, dir.resolve("ca.pem"), null, null,
                Duration.ofSeconds(3));
        assertFailsNaming(EtcdGatewayDcs::new, noClientCert);
        assertFailsNaming(EtcdGrpcDcs::new, noClientCert);
    }

    @Test
    void serverNotSignedByATrustedCaIsRefusedInOneLine() {
        EtcdSettings defaultTrust = new EtcdSettings(List.of(endpoint), null, null, null,
                dir.resolve("client.pem"), dir.resolve("client.key"), Duration.ofSeconds(3));
        String message = assertFailsNaming(EtcdGatewayDcs::new, defaultTrust);
        assertTrue(message.contains("TLS failed"), message);
        assertFailsNaming(EtcdGrpcDcs::new, defaultTrust);
    }

    @Test
    void unreadableKeyFileIsAConfigurationError() {
        EtcdSettings missing = new EtcdSettings(List.of(endpoint), null, null, dir.resolve("ca.pem"),
                dir.resolve("client.pem"), dir.resolve("nope.key"), Duration.ofSeconds(3));
        DcsException error = assertThrows(DcsException.class, () -> new EtcdGatewayDcs(missing).close());
        assertEquals("cannot read etcd3 key " + dir.resolve("nope.key") + ": NoSuchFileException", error.getMessage());
    }

    private static String assertFailsNaming(Function<EtcdSettings, Dcs> transport, EtcdSettings settings) {
        try (Dcs dcs = transport.apply(settings)) {
            long started = System.nanoTime();
            DcsException error = assertThrows(DcsException.class, () -> dcs.get("/service/tls/leader"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(settings.timeout().plusSeconds(2)) < 0, "took " + took);
            assertTrue(error.getMessage().contains(endpoint.toString()), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), error.getMessage());
            return error.getMessage();
        }
    }

    private static EtcdSettings tls(String cert, String key) {
        return new EtcdSettings(List.of(endpoint), null, null, dir.resolve("ca.pem"), dir.resolve(cert), dir.resolve(key),
                Duration.ofSeconds(5));
    }

    private static void awaitServing() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Dcs probe = new EtcdGatewayDcs(tls("client.pem", "client.key").withTimeout(Duration.ofSeconds(1)))) {
            while (true) {
                try {
                    probe.get("/probe");
                    return;
                } catch (DcsException notYet) {
                    if (!etcd.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("TLS etcd not serving: " + notYet.getMessage() + "\n" + etcd.logTail(20));
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    private static void signed(String name, String keyType, String subject) throws IOException, InterruptedException {
        openssl("req", "-newkey", keyType, "-nodes", "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", "san.ext");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
        }
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }
}
