package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.api.NodeClient;
import io.pgha.api.NodeResponse;
import io.pgha.api.RestClientSettings;
import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The watchdog (ha-loop.md §18) of pgha agents on etcd and PostgreSQL 15. This machine cannot load
 * softdog, so the devices are plain files with Patroni's {@code driver: testing}: the agent writes
 * {@code Ctimeout=<s>\n} when it arms the device, {@code 1} per keep-alive and {@code V} when it disarms
 * it, exactly the bytes a /dev/watchdog would get (plus the timeout line instead of the ioctl).
 * node1 (required watchdog) reaches etcd through a proxy the test cuts; node2 has an automatic one;
 * node3 requires a watchdog whose device does not exist and has the highest failover_priority, so
 * without the watchdog rule it would win the race. The scenarios run in order on one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchdogIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Path device1;
    private Path device2;
    private EtcdFixture etcd;
    private TcpProxy proxy;
    private PghaClusterFixture cluster;
    private NodeClient client;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("pgha-watchdog-");
        device1 = Files.createFile(dir.resolve("node1.watchdog"));
        device2 = Files.createFile(dir.resolve("node2.watchdog"));
        etcd = EtcdFixture.startSingle();
        proxy = TcpProxy.to(etcd.members().get(0).clientPort());
        cluster = PghaClusterFixture.builder("watchdog").timing(10, 2, 3).etcd(etcd)
                .etcdHosts(1, "127.0.0.1:" + proxy.port())
                .localConfig(1, watchdog("required", device1))
                .localConfig(2, watchdog("automatic", device2))
                .localConfig(3, watchdog("required", dir.resolve("missing/watchdog")))
                .tags(3, Map.of("failover_priority", 9))
                .start();
        client = new NodeClient(RestClientSettings.plain().withTimeout(Duration.ofSeconds(10)));
        cluster.awaitHealthy(HEALTHY);
    }

    private static Map<String, Object> watchdog(String mode, Path device) {
        return Map.of("watchdog", Map.of("mode", mode, "device", device.toString(), "driver", "testing"));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private static String read(Path device) {
        try {
            return Files.readString(device, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long keepalives(String written) {
        return written.replaceAll("Ctimeout=\\d+\n", "").chars().filter(c -> c == '1').count();
    }

    private String await(Path device, Duration timeout, String what, Predicate<String> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String written = read(device);
            if (done.test(written)) {
                return written;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + device.getFileName() + " has \"" + written + "\"\n"
                        + cluster.logTails(25));
            }
            sleep(100);
        }
    }

    private JsonNode status(Node node) throws IOException {
        NodeResponse response = client.call("GET", java.net.URI.create("http://127.0.0.1:" + node.restPort() + "/patroni"), null);
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void leaderArmsItsWatchdogWithTtlMinusSafetyMarginAndKicksItEveryCycle() {
        // ttl 10 is raised to 20, as Patroni 4 does: 20 − 5 = 15 s
        String written = await(device1, Duration.ofSeconds(60), "keep-alives from the leader",
                w -> keepalives(w) >= 3);
        assertTrue(written.startsWith("Ctimeout=15\n"), written);
        assertFalse(written.contains("V"), "a leader never disarms its watchdog: " + written);
        assertEquals("", read(device2), "a replica does not arm its watchdog");
    }

    @Test
    @Order(2)
    void raisingOrLoweringTtlInConfigRetimesTheArmedWatchdogWithoutDisarmingIt() {
        patchConfig("{\"ttl\": 40}");
        await(device1, Duration.ofSeconds(60), "the leader's watchdog retimed to 40 − 5 s",
                w -> w.contains("Ctimeout=35\n"));
        patchConfig("{\"ttl\": 25}");
        String written = await(device1, Duration.ofSeconds(60), "the leader's watchdog retimed to 25 − 5 s",
                w -> w.contains("Ctimeout=35\n") && w.substring(w.indexOf("Ctimeout=35\n")).contains("Ctimeout=20\n"));
        assertFalse(written.contains("V"), "the device stays armed while its timeout changes: " + written);

        patchConfig("{\"ttl\": 20}");
        written = await(device1, Duration.ofSeconds(60), "the watchdog back at 15 s and kicked",
                w -> w.substring(w.lastIndexOf("Ctimeout=")).startsWith("Ctimeout=15\n1"));
        assertEquals("", read(device2), "the replica's watchdog is still not armed");
    }

    private void patchConfig(String json) {
        NodeResponse response = client.call("PATCH", java.net.URI.create("http://127.0.0.1:" + cluster.node(1).restPort()
                + "/config"), json);
        assertEquals(200, response.status(), response.body());
    }

    @Test
    @Order(3)
    void nodeThatRequiresAMissingWatchdogSaysSoInItsStatus() throws IOException {
        assertTrue(status(cluster.node(3)).path("watchdog_failed").asBoolean(false), status(cluster.node(3)).toString());
        assertFalse(status(cluster.node(1)).has("watchdog_failed"), status(cluster.node(1)).toString());
        assertFalse(status(cluster.node(2)).has("watchdog_failed"), status(cluster.node(2)).toString());
    }

    @Test
    @Order(4)
    void leaderCutOffFromEtcdStopsKickingDisarmsAfterStoppingAndTheNodeWithoutWatchdogNeverLeads() {
        long before = keepalives(read(device1));
        proxy.pause();
        String written = await(device1, Duration.ofSeconds(60), "the cut-off leader disarming its watchdog",
                w -> w.endsWith("V"));
        assertTrue(keepalives(written) - before <= 1,
                "at most a renewal already under way when etcd was cut may kick: " + before + " -> " + written);

        // node3 would win on failover_priority; its required watchdog is unusable, so node2 must lead
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Optional<String> leader = Optional.empty();
        while (System.nanoTime() < deadline) {
            leader = cluster.leaderName();
            assertFalse(leader.equals(Optional.of("node3")), "node3 took the leader key without a usable watchdog");
            if (leader.equals(Optional.of("node2"))) {
                break;
            }
            sleep(100);
        }
        assertEquals(Optional.of("node2"), leader, cluster.logTails(25));
        cluster.awaitLeader("node2", Duration.ofSeconds(60));
        assertEquals(written, read(device1), "nothing is written to node1's device once disarmed");

        proxy.resume();
        assertEquals("node2", cluster.awaitHealthy(HEALTHY).name());
        assertEquals(written, read(device1), "node1 came back as a replica and did not arm its watchdog again");
    }

    @Test
    @Order(5)
    void newLeaderArmsItsAutomaticWatchdogAndACleanShutdownDisarmsIt() {
        await(device2, Duration.ofSeconds(60), "keep-alives from node2", w -> w.startsWith("Ctimeout=15\n") && keepalives(w) >= 2);
        cluster.stop(2);
        String written = read(device2);
        assertTrue(written.endsWith("V"), written);
        assertEquals(1, written.chars().filter(c -> c == 'V').count(), written);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
