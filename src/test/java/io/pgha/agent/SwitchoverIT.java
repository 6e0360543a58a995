package io.pgha.agent;

import static io.pgha.agent.AgentClusterIT.awaitRow;
import static io.pgha.agent.AgentClusterIT.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeResponse;
import io.pgha.api.RestClientSettings;
import io.pgha.dcs.Cluster;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Manual switchover and failover through the agents' REST API (rest-api.md §6.7, §6.8; ha-loop.md §11) on
 * etcd and three PostgreSQL nodes under pgha agents, with the fast timings (ttl 20, loop_wait 2,
 * retry_timeout 3). node3 carries {@code nofailover}. The scenarios run in order on one cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwitchoverIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);

    private PghaClusterFixture cluster;
    private NodeClient client;

    @BeforeAll
    void start() {
        cluster = PghaClusterFixture.builder("switchover").timing(10, 2, 3).tags(3, Map.of("nofailover", true)).start();
        client = new NodeClient(RestClientSettings.plain().withTimeout(Duration.ofSeconds(60)));
        cluster.awaitHealthy(HEALTHY);
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

    static NodeResponse call(NodeClient client, Node node, String method, String path, String json) {
        return client.call(method, URI.create("http://127.0.0.1:" + node.restPort() + path), json);
    }

    private NodeResponse call(Node node, String method, String path, String json) {
        return call(client, node, method, path, json);
    }

    private static void assertAnswer(int status, String text, NodeResponse response) {
        assertEquals(text + " (" + status + ")", response.body() + " (" + response.status() + ")");
    }

    @Test
    @Order(1)
    void impossibleSwitchoversAreRefusedWithPatronisReasonsAndChangeNothing() {
        Node leader = cluster.awaitHealthy(HEALTHY);
        String other = leader.name().equals("node1") ? "node2" : "node1";
        assertAnswer(412, "candidate does not exists",
                call(leader, "POST", "/switchover", "{\"leader\": \"" + leader.name() + "\", \"candidate\": \"node9\"}"));
        assertAnswer(412, "switchover is not possible: no good candidates have been found",
                call(leader, "POST", "/switchover", "{\"leader\": \"" + leader.name() + "\", \"candidate\": \"node3\"}"));
        assertAnswer(412, "failover is not possible: no good candidates have been found",
                call(leader, "POST", "/failover", "{\"candidate\": \"node3\"}"));
        assertAnswer(412, "leader name does not match",
                call(leader, "POST", "/switchover", "{\"leader\": \"" + other + "\", \"candidate\": \"node3\"}"));
        assertAnswer(400, "Switchover target and source are the same",
                call(leader, "POST", "/switchover", "{\"leader\": \"" + leader.name() + "\", \"candidate\": \""
                        + leader.name() + "\"}"));
        assertAnswer(400, "Failover could be performed only to a specific candidate",
                call(leader, "POST", "/failover", "{\"leader\": \"" + leader.name() + "\"}"));
        NodeResponse garbage = call(leader, "POST", "/switchover", "{\"leader\": ");
        assertEquals(400, garbage.status());
        assertTrue(garbage.body().contains("Bad Request"), garbage.body());
        Cluster view = cluster.view();
        assertEquals(leader.name(), view.leader().name());
        assertTrue(!view.failover().isPresent(), "no /failover key was written: " + view.failover());
    }

    @Test
    @Order(2)
    void aSwitchoverToANamedCandidateKeepsAcknowledgedRowsAndTheOldPrimaryFollows() throws Exception {
        Node old = cluster.awaitHealthy(HEALTHY);
        Node target = cluster.node(old.name().equals("node1") ? "node2" : "node1");
        execute(old, "CREATE TABLE IF NOT EXISTS acknowledged (id int)", "INSERT INTO acknowledged VALUES (42)");

        NodeResponse answer = call(old, "POST", "/switchover",
                "{\"leader\": \"" + old.name() + "\", \"candidate\": \"" + target.name() + "\"}");
        assertAnswer(200, "Successfully switched over to \"" + target.name() + "\"", answer);

        assertEquals(target.name(), cluster.awaitHealthy(HEALTHY).name(), "the old primary follows the new one");
        assertEquals(Optional.of("42"), awaitRow(target, "SELECT max(id)::text FROM acknowledged", Duration.ofSeconds(10)));
        assertEquals(Optional.of("42"), awaitRow(old, "SELECT max(id)::text FROM acknowledged", Duration.ofSeconds(30)));
        assertEquals(Optional.of("true"), awaitRow(old, "SELECT pg_is_in_recovery()::text", Duration.ofSeconds(10)));
        assertTrue(!cluster.view().failover().isPresent(), "the new leader cleared /failover");
        sleep(Duration.ofSeconds(3));
        assertFalse(cluster.view().member(target.name()).orElseThrow().pendingRestart(),
                "a promoted replica needs no restart: " + cluster.view().member(target.name()));
    }

    /**
     * The leader asks a candidate's API for its status; the demoted primary's member key turns into a
     * streaming replica before the cycle that wrote it ends (it still drops its old slots), and its API
     * must already say so then, or the failover is refused as having no good candidate.
     */
    @Test
    @Order(3)
    void aFailoverBackToTheDemotedPrimaryIsAcceptedAsSoonAsEtcdShowsItStreaming() {
        Node old = cluster.awaitHealthy(HEALTHY);
        Node target = cluster.node(old.name().equals("node1") ? "node2" : "node1");
        assertAnswer(200, "Successfully switched over to \"" + target.name() + "\"", call(old, "POST", "/switchover",
                "{\"leader\": \"" + old.name() + "\", \"candidate\": \"" + target.name() + "\"}"));
        long deadline = System.nanoTime() + HEALTHY.toNanos();
        while (!isStreamingReplica(cluster.view(), old.name())) {
            assertTrue(System.nanoTime() < deadline, "the old primary never streamed: " + cluster.view().member(old.name()));
            sleep(Duration.ofMillis(5));
        }
        assertAnswer(200, "Successfully failed over to \"" + old.name() + "\"",
                call(target, "POST", "/failover", "{\"candidate\": \"" + old.name() + "\"}"));
        assertEquals(old.name(), cluster.awaitHealthy(HEALTHY).name());
    }

    private static boolean isStreamingReplica(Cluster view, String name) {
        return !view.isUnlocked() && !view.leader().name().equals(name) && view.member(name)
                .filter(m -> "replica".equals(m.role()) && m.isRunning() && "streaming".equals(m.replicationState()))
                .isPresent();
    }

    @Test
    @Order(4)
    void aSwitchoverWithoutCandidateGoesToTheHealthiestNodeThatMayPromote() {
        Node old = cluster.awaitHealthy(HEALTHY);
        String expected = old.name().equals("node1") ? "node2" : "node1";
        // asked on a replica: any member's API takes the request
        NodeResponse answer = call(cluster.node("node3"), "POST", "/switchover", "{\"leader\": \"" + old.name() + "\"}");
        assertAnswer(200, "Successfully switched over to \"" + expected + "\"", answer);
        assertEquals(expected, cluster.awaitHealthy(HEALTHY).name(), "node3 has nofailover");
    }

    @Test
    @Order(5)
    void aScheduledSwitchoverFiresAtItsTime() {
        Node old = cluster.awaitHealthy(HEALTHY);
        String target = old.name().equals("node1") ? "node2" : "node1";
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(2)).plusSeconds(12).withNano(0);
        NodeResponse answer = call(old, "POST", "/switchover", "{\"leader\": \"" + old.name() + "\", \"candidate\": \""
                + target + "\", \"scheduled_at\": \"" + at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\"}");
        assertAnswer(202, "Switchover scheduled", answer);
        Cluster view = cluster.view();
        assertEquals(at.toInstant(), OffsetDateTime.parse(view.failover().scheduledAt()).toInstant());
        assertEquals(target, view.failover().member());

        sleep(Duration.ofSeconds(5));
        assertEquals(old.name(), cluster.leaderName().orElse(""), "nothing happens before the scheduled time");
        cluster.awaitLeader(target, Duration.ofSeconds(60));
        assertTrue(OffsetDateTime.now().isAfter(at.minusSeconds(1)), "not before its time");
        assertEquals(target, cluster.awaitHealthy(HEALTHY).name());
    }

    @Test
    @Order(6)
    void deletingAScheduledSwitchoverCancelsIt() {
        Node leader = cluster.awaitHealthy(HEALTHY);
        String target = leader.name().equals("node1") ? "node2" : "node1";
        Node replica = cluster.node(target);
        assertAnswer(404, "no switchover is scheduled", call(replica, "DELETE", "/switchover", null));
        String at = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(8).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        assertAnswer(202, "Switchover scheduled", call(leader, "POST", "/switchover",
                "{\"leader\": \"" + leader.name() + "\", \"candidate\": \"" + target + "\", \"scheduled_at\": \"" + at + "\"}"));
        assertAnswer(200, "scheduled switchover deleted", call(replica, "DELETE", "/switchover", null));
        assertAnswer(404, "no switchover is scheduled", call(leader, "DELETE", "/switchover", null));

        sleep(Duration.ofSeconds(14));
        assertEquals(leader.name(), cluster.leaderName().orElse(""), "the cancelled switchover never fires");
        assertTrue(!cluster.view().failover().isPresent());
    }

    @Test
    @Order(7)
    void patchConfigRoundTripsThroughTheDcsAndEveryMember() {
        Node leader = cluster.awaitHealthy(HEALTHY);
        Node replica = cluster.node(leader.name().equals("node1") ? "node2" : "node1");
        NodeResponse patched = call(replica, "PATCH", "/config",
                "{\"maximum_lag_on_failover\": 2097152, \"postgresql\": {\"parameters\": {\"work_mem\": \"8MB\"}}}");
        assertEquals(200, patched.status(), patched.body());
        Map<String, Object> config = patched.document().orElseThrow();
        assertEquals(2097152L, ((Number) config.get("maximum_lag_on_failover")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> parameters = (Map<String, Object>) ((Map<String, Object>) config.get("postgresql")).get("parameters");
        assertEquals("8MB", parameters.get("work_mem"));
        assertEquals("replica", parameters.get("wal_level"), "the rest of the section is kept");
        assertEquals(2097152L, cluster.view().config().number("maximum_lag_on_failover", 0));

        assertEquals(Optional.of("8MB"), awaitRowValue(leader, "SHOW work_mem", "8MB", Duration.ofSeconds(30)),
                "the leader applied the new parameter");

        NodeResponse removed = call(leader, "PATCH", "/config", "{\"maximum_lag_on_failover\": null, "
                + "\"postgresql\": {\"parameters\": {\"work_mem\": null}}}");
        assertEquals(200, removed.status(), removed.body());
        assertTrue(!cluster.view().config().data().containsKey("maximum_lag_on_failover"));
        assertEquals(removed.body(), awaitConfigBody(cluster.node("node3"), removed.body()),
                "every member serves the new /config");

        assertEquals(400, call(leader, "PATCH", "/config", "[\"pause\"]").status(), "not an object");
        assertEquals(400, call(leader, "PATCH", "/config", null).status(), "an empty body");
        assertEquals(removed.body(), call(leader, "GET", "/config", null).body(), "refused patches change nothing");
    }

    @Test
    @Order(8)
    void patronictlSwitchesOverPausesAndFlushesThroughTheAgentsApi() {
        Node leader = cluster.awaitHealthy(HEALTHY);
        String target = leader.name().equals("node1") ? "node2" : "node1";
        CommandResult switched = cluster.patronictl("switchover", "switchover", "--leader", leader.name(),
                "--candidate", target, "--force");
        assertEquals(0, switched.exitCode(), switched.describe());
        assertTrue(switched.stdout().contains("Successfully switched over to \"" + target + "\""), switched.describe());
        assertEquals(target, cluster.awaitHealthy(HEALTHY).name());

        String at = OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        CommandResult scheduled = cluster.patronictl("switchover", "switchover", "--leader", target,
                "--candidate", leader.name(), "--scheduled", at, "--force");
        assertTrue(scheduled.stdout().contains("Switchover scheduled"), scheduled.describe());
        CommandResult flushed = cluster.patronictl("flush", "switchover", "switchover", "--force");
        assertTrue(flushed.stdout().contains("Success: scheduled switchover deleted"), flushed.describe());
        assertTrue(!cluster.view().failover().isPresent());

        CommandResult paused = cluster.patronictl("pause", "switchover");
        assertTrue(paused.stdout().contains("Success: cluster management is paused"), paused.describe());
        assertTrue(cluster.view().isPaused());
        CommandResult resumed = cluster.patronictl("resume", "switchover");
        assertTrue(resumed.stdout().contains("Success: cluster management is resumed"), resumed.describe());
        assertTrue(!cluster.view().isPaused() && !cluster.view().config().data().containsKey("pause"));
    }

    private String awaitConfigBody(Node node, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            body = call(node, "GET", "/config", null).body();
            if (body.equals(expected)) {
                return body;
            }
            sleep(Duration.ofMillis(300));
        }
        return body;
    }

    static Optional<String> awaitRowValue(Node node, String query, String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = awaitRow(node, query, timeout);
            if (last.equals(Optional.of(expected))) {
                return last;
            }
            sleep(Duration.ofMillis(500));
        }
        return last;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

}
