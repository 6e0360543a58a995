package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.Pids;
import io.pgha.testing.WriteProbe;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Three PostgreSQL 15 nodes, each under {@code dist/bin/pgha agent}, on real etcd, with the fast timings
 * 10/2/3 (pgha raises ttl to 20, as Patroni 4 does): bootstrap, failover after a crash of the primary's
 * host, takeover after a graceful stop of the primary's agent.
 */
class AgentClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HEALTHY = Duration.ofSeconds(120);

    private static PghaClusterFixture fastCluster(String scope) {
        return PghaClusterFixture.builder(scope).timing(10, 2, 3).start();
    }

    @Test
    void threeNodesBootstrapIntoOneLeaderAndTwoStreamingReplicasThatSeeItsWrites() throws Exception {
        long begin = System.nanoTime();
        try (PghaClusterFixture cluster = fastCluster("agent-bootstrap")) {
            Node leader = cluster.awaitHealthy(HEALTHY);
            System.out.printf("bootstrap of 3 nodes: %d ms%n", (System.nanoTime() - begin) / 1_000_000);
            assertEquals("node1", leader.name(), "the first agent started bootstraps the cluster");

            CommandResult list = cluster.patronictl("list", "-f", "json");
            assertEquals(0, list.exitCode(), list.describe());
            Map<String, String> roles = new TreeMap<>();
            for (JsonNode member : JSON.readTree(list.stdout())) {
                assertEquals("running", member.path("State").asText(), list.stdout());
                assertEquals(1, member.path("TL").asInt(), list.stdout());
                roles.put(member.path("Member").asText(), member.path("Role").asText());
            }
            assertEquals(Map.of("node1", "Leader", "node2", "Replica", "node3", "Replica"), roles, list.stdout());
            CommandResult topology = cluster.patronictl("topology");
            assertEquals(0, topology.exitCode(), topology.describe());
            assertTrue(topology.stdout().contains("+ node2") && topology.stdout().contains("+ node3"), topology.stdout());
            CommandResult pghaList = cluster.pgha("--compat", "3.0", "list", "-f", "json");
            assertEquals(0, pghaList.exitCode(), pghaList.describe());
            assertEquals(JSON.readTree(list.stdout()), JSON.readTree(pghaList.stdout()), "pgha list shows patronictl's rows");

            execute(leader, "CREATE TABLE bootstrap_check (id int PRIMARY KEY, note text)",
                    "INSERT INTO bootstrap_check VALUES (1, 'written on the primary')");
            for (int i = 2; i <= 3; i++) {
                assertEquals(Optional.of("written on the primary"),
                        awaitRow(cluster.node(i), "SELECT note FROM bootstrap_check WHERE id = 1", Duration.ofSeconds(30)),
                        "node" + i + " replays the primary's write");
            }

            Cluster view = cluster.view();
            assertTrue(view.initialize() != null && view.initialize().length() >= 10, "/initialize holds the sysid");
            assertTrue(view.history() == null || view.history().isEmpty(), "timeline 1 has no history: " + view.history());
            assertEquals(20, view.config().number("ttl", 0), "ttl below 20 is raised to 20 in /config");
            Member primary = view.member("node1").orElseThrow();
            assertEquals("4.1.4", primary.version());
            assertTrue(primary.xlogLocation() > 0 && primary.timeline() == 1, primary.toString());
            assertEquals(primary.lease(), view.leader().lease(), "member and leader keys share one lease");
            try (Connection c = leader.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots ORDER BY 1")) {
                assertTrue(rs.next() && rs.getString(1).equals("node2") && rs.next() && rs.getString(1).equals("node3"),
                        "the leader keeps a slot per replica");
            }
        }
    }

    @Test
    void afterKill9OfThePrimaryHostAReplicaTakesOverAndTheOldPrimaryRejoinsThroughPgRewind() throws Exception {
        try (PghaClusterFixture cluster = fastCluster("agent-crash")) {
            Node old = cluster.awaitHealthy(HEALTHY);
            execute(old, "CREATE TABLE crash_check (id int PRIMARY KEY, note text)",
                    "INSERT INTO crash_check VALUES (1, 'before the crash')");
            for (int i = 2; i <= 3; i++) {
                awaitRow(cluster.node(i), "SELECT note FROM crash_check WHERE id = 1", Duration.ofSeconds(30));
            }
            long postmaster = old.postmasterPid().orElseThrow();

            long killed = System.nanoTime();
            cluster.kill9(old.index());
            assertFalse(Pids.isRunning(postmaster), "the postmaster died with the agent");
            Node writer = awaitWritable(cluster, List.of(cluster.node(2), cluster.node(3)), Duration.ofSeconds(90));
            System.out.printf("write unavailability after kill -9 of the primary (ttl 20, loop_wait 2): %d ms%n",
                    (System.nanoTime() - killed) / 1_000_000);
            execute(writer, "INSERT INTO crash_check VALUES (2, 'after the failover')");
            Node leader = cluster.awaitHealthy(HEALTHY);
            assertEquals(writer.name(), leader.name());
            Node other = writer.index() == 2 ? cluster.node(3) : cluster.node(2);
            assertEquals(Optional.of("after the failover"),
                    awaitRow(other, "SELECT note FROM crash_check WHERE id = 2", Duration.ofSeconds(30)),
                    "the other replica follows the new primary");

            cluster.start(old.index());
            assertEquals(leader.name(), cluster.awaitHealthy(HEALTHY).name());
            assertEquals(Optional.of("after the failover"),
                    awaitRow(old, "SELECT note FROM crash_check WHERE id = 2", Duration.ofSeconds(30)),
                    "the old primary streams from the new one");
            String log = Files.readString(old.log());
            assertTrue(log.contains("pg_rewind from " + leader.name() + " succeeded"), old.logTail(40));
            Cluster view = cluster.view();
            assertEquals(2, view.member(old.name()).orElseThrow().timeline(), "the old primary is on the new timeline");
            assertEquals(1, view.history().size(), "one timeline switch in /history: " + view.history());
            assertEquals(leader.name(), view.history().get(0).newLeader());
        }
    }

    @Test
    void afterSigtermOfThePrimaryAgentAReplicaTakesOverWithoutLosingAnAcknowledgedWrite() throws Exception {
        try (PghaClusterFixture cluster = fastCluster("agent-sigterm")) {
            Node old = cluster.awaitHealthy(HEALTHY);
            List<Integer> ports = cluster.nodes().stream().map(Node::pgPort).toList();
            try (WriteProbe writes = WriteProbe.start(ports, old.index(), PghaClusterFixture.SUPERUSER,
                    PghaClusterFixture.SUPERUSER_PASSWORD)) {
                Thread.sleep(1000);
                long signalled = System.nanoTime();
                cluster.signalTerm(old.index());
                WriteProbe.Gap gap = writes.awaitTakeover(old.index(), signalled, Duration.ofSeconds(60).toNanos());
                assertTrue(gap != null, "no other node took writes\n" + cluster.logTails(20));
                System.out.printf("write gap after SIGTERM of the primary's agent: %d ms%n", gap.millis());
                assertEquals(0, gap.lateAcksOfOldPrimary(), "the old primary took writes after the new one did");

                cluster.stop(old.index());
                assertTrue(old.postmasterPid().isEmpty(), "the stopped agent stopped its PostgreSQL");
                Member stopped = cluster.view().member(old.name()).orElseThrow();
                assertEquals("stopped", stopped.state(), "the stopped member says so until its lease ends");
                Node leader = cluster.awaitHealthy(HEALTHY);
                assertEquals(cluster.node(gap.newPrimary()).name(), leader.name());
                Thread.sleep(500);
                writes.stop();
                assertTrue(writes.acks().stream().anyMatch(a -> a.node() == old.index()), "writes went to the old primary");
                assertTrue(writes.acks().stream().anyMatch(a -> a.node() == leader.index()), "writes went to the new primary");
                assertEquals(0, writes.lost(leader.index()), "every acknowledged write is on the new primary");
            }
        }
    }

    /** Waits for the first of {@code candidates} to accept an INSERT; returns it. */
    static Node awaitWritable(PghaClusterFixture cluster, List<Node> candidates, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Node node : candidates) {
                try (Connection c = node.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS write_probe (at timestamptz)");
                    s.execute("INSERT INTO write_probe VALUES (now())");
                    return node;
                } catch (SQLException e) {
                    // read-only or down: keep asking
                }
            }
            sleepQuietly(50);
        }
        throw new AssertionError("no node accepted writes within " + timeout + "\n" + cluster.logTails(30));
    }

    static void execute(Node node, String... statements) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of the first row of {@code query} on {@code node} once it has one. */
    static Optional<String> awaitRow(Node node, String query, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                if (rs.next()) {
                    return Optional.ofNullable(rs.getString(1));
                }
            } catch (SQLException e) {
                last = e.getMessage();
            }
            sleepQuietly(200);
        }
        throw new AssertionError(node + ": no row for " + query + " within " + timeout + ": " + last);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
