package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * failsafe_mode (ha-loop.md §7.2): with etcd gone the primary keeps taking writes for as long as every
 * member answers POST /failsafe, and demotes once one does not; without failsafe_mode it demotes at once.
 */
class FailsafeIT {
    private static final int TTL = 20;
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void primaryOutlivesAnEtcdOutageWhileAllMembersConfirmAndDemotesWhenOneIsGone() throws Exception {
        Path devices = Files.createTempDirectory("pgha-failsafe-watchdog-");
        PghaClusterFixture.Builder builder = PghaClusterFixture.builder("failsafe").timing(TTL, 2, 5)
                .bootstrapDcs(Map.of("failsafe_mode", true));
        for (int i = 1; i <= 3; i++) {
            // Patroni's test driver: the device file records the arming, each keep-alive ('1') and a disarm ('V')
            builder.localConfig(i, Map.of("watchdog", Map.of("mode", "automatic", "driver", "testing",
                    "device", Files.createFile(devices.resolve("node" + i)).toString())));
        }
        try (PghaClusterFixture cluster = builder.start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            execute(primary, "CREATE TABLE failsafe_check (id int)");
            awaitFailsafeKey(cluster, Set.of("node1", "node2", "node3"));
            EtcdFixture etcd = cluster.etcd();
            EtcdFixture.Member etcdMember = etcd.members().get(0);
            Path device = devices.resolve(primary.name());

            etcd.stop(etcdMember);
            long stopped = System.nanoTime();
            long kicksBefore = kicks(device);
            while (System.nanoTime() - stopped < Duration.ofSeconds(TTL + 15).toNanos()) {
                assertTrue(writable(primary), "the primary stopped taking writes after "
                        + (System.nanoTime() - stopped) / 1_000_000 + " ms without etcd\n" + cluster.logTails(15));
                Thread.sleep(1000);
            }
            String written = Files.readString(device);
            assertTrue(kicks(device) - kicksBefore >= 3 && !written.contains("V"), "the primary kept alive by failsafe"
                    + " mode keeps its watchdog alive too, or the device would reset it: " + written);
            String status = get(primary, "/patroni");
            assertTrue(status.matches("(?s).*\"failsafe_mode_is_active\": ?true.*"), status);
            Node replica = cluster.node(2);
            assertEquals(500, post(primary, "/failsafe", "{\"name\": \"node2\"}").statusCode(),
                    "a running primary refuses to be told about another leader");

            cluster.kill9(3);
            long killed = System.nanoTime();
            while (writable(primary)) {
                assertTrue(System.nanoTime() - killed < Duration.ofSeconds(40).toNanos(),
                        "the primary kept taking writes although node3 cannot confirm\n" + cluster.logTails(15));
                Thread.sleep(500);
            }
            assertTrue(!writable(replica), "nobody took over while etcd is down");

            etcd.restart(etcdMember);
            cluster.start(3);
            Node writer = awaitWritable(cluster);
            assertEquals(1, cluster.nodes().stream().filter(FailsafeIT::writable).count(),
                    "the healed cluster has exactly one writable primary, " + writer);
            assertEquals(writer.name(), cluster.awaitHealthy(HEALTHY).name(), "the others stream from it");
        }
    }

    @Test
    void withoutFailsafeModeThePrimaryDemotesWhenEtcdIsGone() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("failsafe-off").nodes(2).timing(TTL, 2, 5).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            execute(primary, "CREATE TABLE failsafe_check (id int)");
            HttpResponse<String> refused = post(cluster.node(2), "/failsafe",
                    "{\"name\": \"node1\", \"conn_url\": \"postgres://127.0.0.1:1/postgres\", \"api_url\": \"http://127.0.0.1:1/patroni\"}");
            assertEquals(502, refused.statusCode(), "POST /failsafe is refused while failsafe_mode is off");

            EtcdFixture etcd = cluster.etcd();
            EtcdFixture.Member etcdMember = etcd.members().get(0);
            etcd.stop(etcdMember);
            long stopped = System.nanoTime();
            while (writable(primary)) {
                assertTrue(System.nanoTime() - stopped < Duration.ofSeconds(TTL + 10).toNanos(),
                        "the primary kept taking writes without etcd\n" + cluster.logTails(15));
                Thread.sleep(500);
            }
            etcd.restart(etcdMember);
            Node writer = awaitWritable(cluster);
            assertEquals(writer.name(), cluster.awaitHealthy(HEALTHY).name(), "one primary leads again once etcd is back");
        }
    }

    private static long kicks(Path device) throws java.io.IOException {
        return Files.readString(device).replaceAll("Ctimeout=\\d+\n", "").chars().filter(c -> c == '1').count();
    }

    /** The first node that takes a write (the member keys from before the outage may still say "primary"). */
    private static Node awaitWritable(PghaClusterFixture cluster) throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY.toNanos();
        while (true) {
            for (Node node : cluster.nodes()) {
                if (writable(node)) {
                    return node;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no primary after etcd came back\n" + cluster.logTails(20));
            Thread.sleep(500);
        }
    }

    private static void awaitFailsafeKey(PghaClusterFixture cluster, Set<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, String> failsafe = cluster.view().failsafe();
            if (failsafe != null && failsafe.keySet().equals(names)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "/failsafe never listed " + names + ": " + failsafe);
            Thread.sleep(300);
        }
    }

    private static void execute(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean writable(Node node) {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            s.execute("INSERT INTO failsafe_check VALUES (1)");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String get(Node node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.restPort() + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> post(Node node, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.restPort() + path))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
