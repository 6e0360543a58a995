package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Maintenance through the REST API on three PostgreSQL 15 nodes under pgha agents (rest-api.md §6.3–§6.6,
 * ha-loop.md §19): restarts now, by condition and at a scheduled time, re-initialisation of a replica,
 * reload of patroni.yml on POST /reload and SIGHUP, and a restart-only parameter changed in /config.
 * Every test leaves the cluster healthy for the next.
 */
class MaintenanceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static PghaClusterFixture cluster;

    @BeforeAll
    static void startCluster() {
        cluster = PghaClusterFixture.builder("maintenance").timing(10, 2, 3).start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void healthy() {
        cluster.awaitHealthy(HEALTHY);
    }

    @Test
    void aRestartedMemberHasANewPostmasterAndStreamsAgain() throws Exception {
        Node replica = replicas()[0];
        Instant before = postmasterStart(replica);
        HttpResponse<String> answer = post(replica, "/restart", "{}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("restarted successfully", answer.body());
        assertNotEquals(before, postmasterStart(replica), "the postmaster was restarted before the answer");
        cluster.awaitHealthy(HEALTHY);

        Node leader = leader();
        Instant leaderBefore = postmasterStart(leader);
        answer = post(leader, "/restart", "{\"role\": \"primary\"}");
        assertEquals(200, answer.statusCode(), answer.body());
        assertNotEquals(leaderBefore, postmasterStart(leader));
        assertEquals(leader.name(), cluster.awaitHealthy(HEALTHY).name(), "the leader keeps its key over a restart");

        Node other = replicas()[1];
        Instant otherBefore = postmasterStart(other);
        CommandResult patronictl = cluster.patronictl("restart", cluster.scope(), other.name(), "--force");
        assertEquals(0, patronictl.exitCode(), patronictl.describe());
        assertTrue(patronictl.stdout().contains("Success: restart on member " + other.name()), patronictl.stdout());
        assertNotEquals(otherBefore, postmasterStart(other), "real patronictl restarts a pgha member");
    }

    @Test
    void conditionsThatDoNotHoldLeaveTheServerAlone() throws Exception {
        Node replica = replicas()[1];
        Instant before = postmasterStart(replica);
        assertAnswer(503, "restart conditions are not satisfied", post(replica, "/restart", "{\"restart_pending\": true}"));
        assertAnswer(503, "restart conditions are not satisfied", post(replica, "/restart", "{\"role\": \"primary\"}"));
        assertAnswer(503, "restart conditions are not satisfied", post(replica, "/restart", "{\"postgres_version\": \"15.0\"}"));
        assertAnswer(400, "Unknown filter for the scheduled restart: force", post(replica, "/restart", "{\"force\": true}"));
        HttpResponse<String> garbage = post(replica, "/restart", "{\"role\": ");
        assertEquals(400, garbage.statusCode(), garbage.body());
        assertEquals(before, postmasterStart(replica));
    }

    @Test
    void aScheduledRestartRunsAtItsTimeAndADeletedOneDoesNot() throws Exception {
        Node[] replicas = replicas();
        Node first = replicas[0];
        Instant before = postmasterStart(first);
        String at = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(10).truncatedTo(ChronoUnit.SECONDS).toString();
        assertAnswer(202, "Restart scheduled", post(first, "/restart", "{\"schedule\": \"" + at + "\"}"));
        assertAnswer(409, "Another restart is already scheduled", post(first, "/restart", "{\"schedule\": \"" + at + "\"}"));
        Map<String, Object> published = awaitValue(Duration.ofSeconds(10), () -> member(first).map(Member::scheduledRestart));
        assertEquals(Instant.parse(at), OffsetDateTime.parse((String) published.get("schedule")).toInstant(), published.toString());
        assertNotNull(published.get("postmaster_start_time"), published.toString());
        Map<?, ?> shown = awaitValue(Duration.ofSeconds(10), () -> status(first).map(s -> (Map<?, ?>) s.get("scheduled_restart")));
        assertEquals(published.get("schedule"), shown.get("schedule"), "GET /patroni shows the scheduled restart");
        CommandResult list = cluster.pgha("list");
        assertTrue(list.stdout().contains("Scheduled restart"), list.describe());
        assertEquals(before, postmasterStart(first), "nothing happens before the time");
        awaitValue(Duration.ofSeconds(60), () -> {
            Instant now = postmasterStart(first);
            return now != null && !now.equals(before) ? Optional.of(now) : Optional.empty();
        });
        assertTrue(postmasterStart(first).isAfter(Instant.parse(at).minusSeconds(1)), "restarted at its time, not before");
        awaitValue(Duration.ofSeconds(20), () -> member(first).filter(m -> m.scheduledRestart() == null));

        Node second = replicas[1];
        Instant secondBefore = postmasterStart(second);
        String soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(12).truncatedTo(ChronoUnit.SECONDS).toString();
        assertAnswer(202, "Restart scheduled", post(second, "/restart", "{\"schedule\": \"" + soon + "\"}"));
        assertAnswer(200, "scheduled restart deleted", delete(second, "/restart"));
        assertAnswer(404, "no restarts are scheduled", delete(second, "/restart"));
        awaitValue(Duration.ofSeconds(10), () -> member(second).filter(m -> m.scheduledRestart() == null));
        Thread.sleep(Duration.between(Instant.now(), Instant.parse(soon)).plusSeconds(8).toMillis());
        assertEquals(secondBefore, postmasterStart(second), "a deleted restart never runs");
    }

    @Test
    void aReinitializedReplicaGetsAFreshDataDirectoryAndStreamsAgain() throws Exception {
        Node leader = leader();
        assertAnswer(503, "I am the leader, can not reinitialize", post(leader, "/reinitialize", "{}"));
        Node replica = replicas()[1];
        Path marker = replica.dataDir().resolve("pgha-reinit-marker");
        Files.writeString(marker, "left by the test");
        assertAnswer(200, "reinitialize started", post(replica, "/reinitialize", "{\"force\": false}"));
        HttpResponse<String> again = post(replica, "/reinitialize", "{}");
        assertEquals(503, again.statusCode(), again.body());
        assertTrue(again.body().endsWith("already in progress"), again.body());
        awaitValue(Duration.ofSeconds(90), () -> Files.exists(marker) ? Optional.empty() : Optional.of(true));
        cluster.awaitHealthy(HEALTHY);
        assertFalse(Files.exists(marker), "the data directory was created anew");
        AgentClusterIT.execute(leader, "CREATE TABLE IF NOT EXISTS reinit_check (id int PRIMARY KEY)",
                "INSERT INTO reinit_check VALUES (1) ON CONFLICT DO NOTHING");
        assertEquals(Optional.of("1"), AgentClusterIT.awaitRow(replica, "SELECT id::text FROM reinit_check",
                Duration.ofSeconds(30)), "the re-initialised replica streams the leader's writes");
    }

    @Test
    void aReloadAppliesChangedParametersOfPatroniYml() throws Exception {
        Node[] replicas = replicas();
        setLocalParameter(replicas[0], "work_mem", "7MB");
        assertAnswer(202, "reload scheduled", post(replicas[0], "/reload", null));
        assertEquals("7MB", awaitValue(Duration.ofSeconds(30), () -> show(replicas[0], "work_mem").filter("7MB"::equals)));

        CommandResult patronictl = cluster.patronictl("reload", cluster.scope(), replicas[0].name(), "--force");
        assertEquals(0, patronictl.exitCode(), patronictl.describe());
        assertTrue(patronictl.stdout().contains("Reload request received for member " + replicas[0].name()),
                patronictl.stdout());

        setLocalParameter(replicas[1], "work_mem", "9MB");
        new ProcessBuilder("kill", "-HUP", Long.toString(replicas[1].agentPid())).inheritIO().start().waitFor();
        assertEquals("9MB", awaitValue(Duration.ofSeconds(30), () -> show(replicas[1], "work_mem").filter("9MB"::equals)),
                "SIGHUP reloads as POST /reload does");
    }

    @Test
    void aRestartOnlyParameterInConfigIsPendingUntilTheRestart() throws Exception {
        long changed = System.nanoTime();
        setDynamicParameter("max_connections", 60);
        for (Node node : cluster.nodes()) {
            Member member = awaitValue(Duration.ofSeconds(60), () -> member(node).filter(Member::pendingRestart));
            assertTrue(String.valueOf(member.pendingRestartReason()).contains("max_connections"), member.toString());
        }
        System.out.printf("pending restart on every member: %d ms%n", (System.nanoTime() - changed) / 1_000_000);
        CommandResult list = cluster.pgha("list");
        assertEquals(0, list.exitCode(), list.describe());
        assertTrue(list.stdout().contains("Pending restart"), list.stdout());
        assertTrue(cluster.patronictl("list").stdout().contains("Pending restart"), "patronictl sees it too");
        awaitValue(Duration.ofSeconds(10), () -> status(leader()).filter(s -> Boolean.TRUE.equals(s.get("pending_restart"))));

        long begin = System.nanoTime();
        Node leader = leader();
        for (Node replica : replicas()) {
            assertAnswer(200, "restarted successfully", post(replica, "/restart", "{\"restart_pending\": true}"));
            System.out.printf("restart of %s: %d ms%n", replica.name(), (System.nanoTime() - begin) / 1_000_000);
        }
        assertAnswer(200, "restarted successfully", post(leader, "/restart", "{\"restart_pending\": true}"));
        System.out.printf("restart of the leader: %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        cluster.awaitHealthy(HEALTHY);
        System.out.printf("healthy again: %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        for (Node node : cluster.nodes()) {
            assertEquals("60", show(node, "max_connections").orElseThrow(), node.name());
            awaitValue(Duration.ofSeconds(30), () -> member(node).filter(m -> !m.pendingRestart()));
        }
        assertFalse(cluster.pgha("list").stdout().contains("Pending restart"));
    }

    // ---- helpers

    private static Node leader() {
        return cluster.node(cluster.leaderName().orElseThrow());
    }

    private static Node[] replicas() {
        String leader = cluster.leaderName().orElseThrow();
        return cluster.nodes().stream().filter(n -> !n.name().equals(leader)).toArray(Node[]::new);
    }

    private static Optional<Member> member(Node node) {
        return cluster.view().member(node.name());
    }

    private static HttpResponse<String> post(Node node, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(240));
        request.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(Node node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET /patroni as a map; empty when it cannot be read. */
    private static Optional<Map<?, ?>> status(Node node) {
        try {
            return Optional.of(JSON.readValue(get(node, "/patroni").body(), Map.class));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static HttpResponse<String> delete(Node node, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(30)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(Node node, String path) {
        return URI.create("http://127.0.0.1:" + node.restPort() + path);
    }

    private static void assertAnswer(int status, String text, HttpResponse<String> response) {
        assertEquals(status + " " + text, response.statusCode() + " " + response.body());
    }

    private static Instant postmasterStart(Node node) {
        return query(node, "SELECT pg_postmaster_start_time()::text").map(t -> OffsetDateTime.parse(t.replace(' ', 'T')
                .replaceAll("([+-]\\d\\d)$", "$1:00")).toInstant()).orElse(null);
    }

    private static Optional<String> show(Node node, String parameter) {
        return query(node, "SHOW " + parameter);
    }

    private static Optional<String> query(Node node, String sql) {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static void setLocalParameter(Node node, String name, String value) throws Exception {
        Map<String, Object> config = YAML.readValue(node.configFile().toFile(), LinkedHashMap.class);
        Map<String, Object> postgresql = (Map<String, Object>) config.get("postgresql");
        ((Map<String, Object>) postgresql.get("parameters")).put(name, value);
        YAML.writeValue(node.configFile().toFile(), config);
    }

    @SuppressWarnings("unchecked")
    private static void setDynamicParameter(String name, Object value) throws Exception {
        Keyspace keyspace = new Keyspace(PghaClusterFixture.NAMESPACE, cluster.scope());
        try (Dcs dcs = new EtcdGatewayDcs(cluster.etcd().settings())) {
            KeyValue current = dcs.get(keyspace.config()).orElseThrow();
            Map<String, Object> config = JSON.readValue(current.value(), LinkedHashMap.class);
            Map<String, Object> postgresql = (Map<String, Object>) config.get("postgresql");
            ((Map<String, Object>) postgresql.get("parameters")).put(name, value);
            assertTrue(dcs.compareAndPut(keyspace.config(), JSON.writeValueAsString(config), current.modRevision()));
        }
    }

    private static <T> T awaitValue(Duration timeout, Supplier<Optional<T>> check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + "; view " + cluster.view().members() + "\n"
                        + cluster.logTails(30));
            }
            Thread.sleep(250);
        }
    }
}
