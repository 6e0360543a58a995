package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeResponse;
import io.pgha.api.RestClientSettings;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * postgresql.callbacks (ha-loop.md §17) of pgha agents on etcd and PostgreSQL 15: node1 and node2 call a
 * script that appends "<node> <action> <role> <scope>" to a file and then exits 1 (a failing callback
 * must change nothing); its on_reload also sleeps 60 s, which must delay nothing. node3 (nofailover)
 * points every callback at a path that does not exist and must still work. The scenarios run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallbacksIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final Duration CALLED = Duration.ofSeconds(60);
    private static final String SCOPE = "callbacks";

    private Path dir;
    private Path calls;
    private PghaClusterFixture cluster;
    private NodeClient client;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("pgha-callbacks-");
        calls = dir.resolve("calls");
        Path script = dir.resolve("record.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + calls + "\n"
                + "if [ \"$2\" = on_reload ]; then sleep 60; fi\nexit 1\n");
        if (!script.toFile().setExecutable(true, false)) {
            throw new IllegalStateException("cannot make " + script + " executable");
        }
        cluster = PghaClusterFixture.builder(SCOPE).nodes(3).timing(10, 2, 3)
                .localConfig(1, callbacks(script + " node1"))
                .localConfig(2, callbacks(script + " node2"))
                .localConfig(3, callbacks(dir.resolve("missing") + " node3"))
                .tags(3, Map.of("nofailover", true))
                .start();
        client = new NodeClient(RestClientSettings.plain().withTimeout(Duration.ofSeconds(60)));
        cluster.awaitHealthy(HEALTHY);
    }

    private static Map<String, Object> callbacks(String command) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        for (String event : List.of("on_start", "on_stop", "on_restart", "on_reload", "on_role_change")) {
            all.put(event, command);
        }
        return Map.of("postgresql", Map.of("callbacks", all));
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private List<String> lines() {
        try {
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the file has the line {@code expected} at least {@code times} times. */
    private void awaitCall(String expected, int times) {
        long deadline = System.nanoTime() + CALLED.toNanos();
        while (System.nanoTime() < deadline) {
            if (lines().stream().filter(expected::equals).count() >= times) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("no callback \"" + expected + "\" (x" + times + ") after " + CALLED + "; calls: " + lines()
                + "\n" + cluster.logTails(30));
    }

    private NodeResponse post(Node node, String path, String json) {
        return client.call("POST", java.net.URI.create("http://127.0.0.1:" + node.restPort() + path), json);
    }

    @Test
    @Order(1)
    void startingAnnouncesOnStartWithTheRoleAndScope() {
        awaitCall("node1 on_start primary " + SCOPE, 1);
        awaitCall("node2 on_start replica " + SCOPE, 1);
        assertEquals(1, lines().stream().filter(l -> l.startsWith("node1 on_start")).count(),
                "the leader announced its start once, though every callback exits 1");
    }

    @Test
    @Order(2)
    void reloadAnnouncesOnReloadWithoutWaitingForIt() {
        NodeResponse reload = post(cluster.node(2), "/reload", null);
        assertEquals(202, reload.status(), reload.body());
        awaitCall("node2 on_reload replica " + SCOPE, 1);
    }

    @Test
    @Order(3)
    void restartAnnouncesOnRestartNotStartAndStop() {
        int before = lines().size();
        NodeResponse restart = post(cluster.node(2), "/restart", "{}");
        assertEquals(200, restart.status(), restart.body());
        awaitCall("node2 on_restart replica " + SCOPE, 1);
        List<String> since = lines().subList(before, lines().size());
        assertFalse(since.stream().anyMatch(l -> l.startsWith("node2 on_stop") || l.startsWith("node2 on_start")), since.toString());
    }

    @Test
    @Order(4)
    void switchoverAnnouncesTheRoleChangesWhileTheSlowReloadCallbackStillSleeps() {
        NodeResponse reload = post(cluster.node(1), "/reload", null);
        assertEquals(202, reload.status(), reload.body());
        awaitCall("node1 on_reload primary " + SCOPE, 1);
        long asked = System.nanoTime();
        NodeResponse switchover = post(cluster.node(1), "/switchover", "{\"leader\": \"node1\", \"candidate\": \"node2\"}");
        assertEquals(200, switchover.status(), switchover.body());
        cluster.awaitLeader("node2", Duration.ofSeconds(45));
        awaitCall("node2 on_role_change primary " + SCOPE, 1);
        awaitCall("node1 on_role_change replica " + SCOPE, 1);
        assertTrue(System.nanoTime() - asked < Duration.ofSeconds(55).toNanos(),
                "the switchover did not wait for node1's 60 s on_reload callback");
    }

    @Test
    @Order(5)
    void reinitializeAnnouncesTheStopAndTheStartOfTheFreshCopy() {
        Node leader = cluster.awaitHealthy(HEALTHY);
        Node replica = leader.name().equals("node1") ? cluster.node(2) : cluster.node(1);
        String me = replica.name() + " ";
        int before = lines().size();
        NodeResponse reinitialize = post(replica, "/reinitialize", "{\"force\": true}");
        assertEquals(200, reinitialize.status(), reinitialize.body() + "\n" + cluster.logTails(20));
        long deadline = System.nanoTime() + CALLED.toNanos();
        List<String> since = List.of();
        while (!since.contains(me + "on_start replica " + SCOPE) && System.nanoTime() < deadline) {
            sleep(100);
            since = lines().subList(before, lines().size()).stream().filter(l -> l.startsWith(me)).toList();
        }
        assertEquals(List.of(me + "on_stop replica " + SCOPE, me + "on_start replica " + SCOPE), since,
                "Patroni: on_stop for the stop, on_start once the new copy runs (it was uninitialized in between)\n"
                        + cluster.logTails(20));
    }

    @Test
    @Order(6)
    void nodeWhoseCallbacksDoNotExistStillReplicates() {
        cluster.awaitHealthy(HEALTHY);
        NodeResponse restart = post(cluster.node(3), "/restart", "{}");
        assertEquals(200, restart.status(), restart.body());
        cluster.awaitHealthy(HEALTHY);
        assertFalse(lines().stream().anyMatch(l -> l.startsWith("node3")));
    }

    @Test
    @Order(7)
    void failoverAnnouncesTheNewPrimary() {
        cluster.awaitHealthy(HEALTHY);
        cluster.kill9(2);
        cluster.awaitLeader("node1", Duration.ofSeconds(90));
        awaitCall("node1 on_role_change primary " + SCOPE, 1);
    }

    @Test
    @Order(8)
    void shutdownAnnouncesOnStop() {
        cluster.stop(1);
        awaitCall("node1 on_stop primary " + SCOPE, 1);
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
