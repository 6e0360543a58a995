package io.pgha.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PatroniClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String describe(long pid) {
        String state;
        try {
            state = Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("State:") || l.startsWith("PPid:")).toList().toString();
        } catch (java.io.IOException e) {
            state = "gone";
        }
        return pid + " " + state + " " + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("?");
    }

    @Test
    void threeNodesComeUpAsOneLeaderAndTwoStreamingReplicasAndLeaveNothingBehind() throws Exception {
        List<Long> pids = new ArrayList<>();
        long begin = System.nanoTime();
        PatroniClusterFixture cluster = PatroniClusterFixture.builder("harness").timing(10, 2, 3).start();
        try {
            long leading = System.nanoTime();
            PatroniClusterFixture.Node leader = cluster.awaitHealthy(Duration.ofSeconds(120));
            System.out.printf("etcd + node1 leading: %d ms; replicas streaming %d ms later%n",
                    (leading - begin) / 1_000_000, (System.nanoTime() - leading) / 1_000_000);
            assertEquals("node1", leader.name(), "the first node started bootstraps the cluster");

            CommandResult list = cluster.patronictl("list", "-f", "json");
            assertEquals(0, list.exitCode(), list.describe());
            Map<String, String> roles = new TreeMap<>();
            for (JsonNode member : JSON.readTree(list.stdout())) {
                assertEquals("harness", member.path("Cluster").asText());
                assertEquals("running", member.path("State").asText(), list.stdout());
                roles.put(member.path("Member").asText(), member.path("Role").asText());
            }
            assertEquals(Map.of("node1", "Leader", "node2", "Replica", "node3", "Replica"), roles);
            assertEquals("127.0.0.1:" + cluster.node(2).pgPort(),
                    JSON.readTree(list.stdout()).get(1).path("Host").asText(), "hosts carry the free PG ports");

            for (PatroniClusterFixture.Node node : cluster.nodes()) {
                assertTrue(Files.isRegularFile(node.configFile()));
                pids.add(node.patroniPid());
                long postmaster = node.postmasterPid().orElseThrow(() -> new AssertionError(node + " has no postmaster"));
                pids.add(postmaster);
                ProcessHandle.of(postmaster).orElseThrow().children().forEach(child -> pids.add(child.pid()));
            }
            assertTrue(pids.size() > 6, "postmasters have backends: " + pids);
        } finally {
            cluster.close();
        }
        List<Long> alive = pids.stream()
                .filter(Pids::isRunning)
                .toList();
        assertEquals(List.of(), alive.stream().map(PatroniClusterIT::describe).toList(), "processes left after close");
        assertTrue(Files.notExists(cluster.dir()), "temp dir removed");
    }

    @Test
    void afterKill9OfTheLeaderTheReplicaAllowedToFailOverLeadsAndTheOldLeaderRejoins() throws Exception {
        try (PatroniClusterFixture cluster = PatroniClusterFixture.builder("harness-failover")
                .timing(10, 2, 3)
                .bootstrapDcs(Map.of("maximum_lag_on_failover", 2097152))
                .tags(3, Map.of("nofailover", true))
                .start()) {
            cluster.awaitHealthy(Duration.ofSeconds(120));
            CommandResult config = cluster.patronictl("show-config");
            assertTrue(config.stdout().contains("maximum_lag_on_failover: 2097152"), config.describe());
            assertTrue(config.stdout().contains("ttl: 10"), config.describe());
            JsonNode node3 = JSON.readTree(cluster.patronictl("list", "-f", "json").stdout()).get(2);
            assertEquals(true, node3.path("Tags").path("nofailover").asBoolean(), node3.toString());

            long oldPostmaster = cluster.node(1).postmasterPid().orElseThrow();
            cluster.kill9(1);
            assertFalse(Pids.isRunning(oldPostmaster), "kill9 takes the postmaster down too");
            assertFalse(cluster.node(1).isRunning());
            assertEquals("node2", cluster.awaitHealthy(Duration.ofSeconds(90)).name(), "node3 has nofailover");

            cluster.start(1);
            assertEquals("node2", cluster.awaitHealthy(Duration.ofSeconds(120)).name());
            CommandResult list = cluster.patronictl("list", "-f", "json");
            assertEquals(3, JSON.readTree(list.stdout()).size(), list.describe());

            cluster.stop(3);
            assertTrue(cluster.node(3).postmasterPid().isEmpty(), "a stopped node's PostgreSQL is down");
            assertEquals("node2", cluster.awaitHealthy(Duration.ofSeconds(30)).name());
        }
    }
}
