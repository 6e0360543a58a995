package io.pgha.agent;

import static io.pgha.agent.AgentClusterIT.awaitRow;
import static io.pgha.agent.AgentClusterIT.execute;
import static io.pgha.agent.SwitchoverIT.call;
import static io.pgha.agent.SwitchoverIT.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeResponse;
import io.pgha.api.RestClientSettings;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Maintenance mode (ha-loop.md §20) with the REST API: while paused a dead primary is not replaced, a
 * failover to a named candidate still is done on request, and resuming heals the cluster. Three pgha
 * agents on etcd with the fast timings (ttl 20, loop_wait 2, retry_timeout 3).
 */
class PauseSwitchoverIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);

    @Test
    void pausePreventsFailoverAfterThePrimaryDiesAFailoverToANamedCandidateStillWorksAndResumeHeals() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("pause").timing(10, 2, 3).start();
             NodeClient client = new NodeClient(RestClientSettings.plain().withTimeout(Duration.ofSeconds(60)))) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            execute(primary, "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (7)");
            awaitRow(cluster.node(2), "SELECT id::text FROM kept", Duration.ofSeconds(30));
            awaitRow(cluster.node(3), "SELECT id::text FROM kept", Duration.ofSeconds(30));

            NodeResponse paused = call(client, cluster.node(3), "PATCH", "/config", "{\"pause\": true}");
            assertEquals(200, paused.status(), paused.body());
            assertTrue(paused.body().contains("\"pause\": true"), paused.body());
            awaitPausedEverywhere(cluster, client);

            killPostmaster(primary);
            sleep(Duration.ofSeconds(25));
            assertTrue(primary.isRunning(), "the agent stays up");
            assertEquals(Optional.empty(), cluster.leaderName().filter(name -> !name.equals(primary.name())),
                    "nobody takes over while paused:\n" + cluster.logTails(10));
            assertTrue(primary.postmasterPid().isEmpty(), "a paused agent does not start PostgreSQL again");
            assertEquals(Optional.of("true"), awaitRow(cluster.node(2), "SELECT pg_is_in_recovery()::text", Duration.ofSeconds(5)));
            assertEquals(Optional.of("true"), awaitRow(cluster.node(3), "SELECT pg_is_in_recovery()::text", Duration.ofSeconds(5)));

            NodeResponse unnamed = call(client, cluster.node(2), "POST", "/switchover", "{\"leader\": \"" + primary.name() + "\"}");
            assertEquals("Switchover is possible only to a specific candidate in a paused state", unnamed.body());
            assertEquals(400, unnamed.status());

            NodeResponse failover = call(client, cluster.node(2), "POST", "/failover", "{\"candidate\": \"node2\"}");
            assertEquals("Successfully failed over to \"node2\" (200)", failover.body() + " (" + failover.status() + ")",
                    cluster.logTails(20));
            assertEquals(Optional.of("7"), awaitRow(cluster.node(2), "SELECT id::text FROM kept", Duration.ofSeconds(10)));
            execute(cluster.node(2), "INSERT INTO kept VALUES (8)");

            NodeResponse resumed = call(client, cluster.node(2), "PATCH", "/config", "{\"pause\": null}");
            assertEquals(200, resumed.status(), resumed.body());
            assertTrue(!resumed.body().contains("pause"), resumed.body());
            assertEquals("node2", cluster.awaitHealthy(HEALTHY).name(), "the old primary follows the new leader");
            assertEquals(Optional.of("8"), awaitRow(primary, "SELECT max(id)::text FROM kept", Duration.ofSeconds(60)));
        }
    }

    @Test
    void afterResumeADeadPrimaryIsReplacedOrRestartedAndTheClusterHeals() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("pause-resume").timing(10, 2, 3).start();
             NodeClient client = new NodeClient(RestClientSettings.plain().withTimeout(Duration.ofSeconds(60)))) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            execute(primary, "CREATE TABLE kept (id int)", "INSERT INTO kept VALUES (7)");
            awaitRow(cluster.node(2), "SELECT id::text FROM kept", Duration.ofSeconds(30));
            assertEquals(200, call(client, primary, "PATCH", "/config", "{\"pause\": true}").status());
            awaitPausedEverywhere(cluster, client);

            killPostmaster(primary);
            sleep(Duration.ofSeconds(25));
            assertEquals(Optional.empty(), cluster.leaderName().filter(name -> !name.equals(primary.name())),
                    "nobody takes over while paused:\n" + cluster.logTails(10));

            assertEquals(200, call(client, cluster.node(3), "PATCH", "/config", "{\"pause\": false}").status());
            Node leader = cluster.awaitHealthy(HEALTHY);
            assertEquals(Optional.of("7"), awaitRow(leader, "SELECT id::text FROM kept", Duration.ofSeconds(10)));
            for (Node node : cluster.nodes()) {
                assertEquals(Optional.of("1"), SwitchoverIT.awaitRowValue(node, "SELECT count(*)::text FROM kept", "1",
                        Duration.ofSeconds(60)),
                        node + " has the row");
            }
        }
    }

    /** Every agent's /patroni says it is paused (its cycle read the new /config). */
    private static void awaitPausedEverywhere(PghaClusterFixture cluster, NodeClient client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = cluster.nodes().stream()
                    .allMatch(n -> call(client, n, "GET", "/patroni", null).body().contains("\"pause\": true"));
            if (all) {
                return;
            }
            sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("not every agent reports pause:\n" + cluster.logTails(10));
    }

    /** SIGKILL to the postmaster alone: the agent lives on, the backends notice and exit. */
    private static void killPostmaster(Node node) {
        OptionalLong pid = node.postmasterPid();
        assertTrue(pid.isPresent(), node + " runs PostgreSQL");
        ProcessHandle.of(pid.getAsLong()).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
    }
}
