package io.pgha.agent;

import static io.pgha.agent.AgentClusterIT.execute;
import static io.pgha.agent.PermanentSlotsIT.await;
import static io.pgha.agent.PermanentSlotsIT.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tags that steer a pgha cluster (config.md §3.9), with three agents on real etcd and PostgreSQL 15:
 * node2 is tagged {@code clonefrom} and {@code noloadbalance}; node3, started last, is tagged
 * {@code replicatefrom: node2} and {@code failover_priority: 5}.
 */
class TagsIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void cloneSourceCascadeLoadBalancingAndPriorityFollowTheTags() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("tags").timing(10, 2, 3)
                .tags(2, Map.of("clonefrom", true, "noloadbalance", true))
                .tags(3, Map.of("replicatefrom", "node2", "failover_priority", 5)).deferred(3).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            assertEquals("node1", primary.name());
            Node node2 = cluster.node(2);
            Node node3 = cluster.node(3);

            cluster.start(3);
            cluster.awaitHealthy(HEALTHY);
            // clonefrom: node3 was cloned by pg_basebackup from the replica node2, not from the primary
            String label = Files.readString(node3.dataDir().resolve("backup_label.old"));
            assertTrue(label.contains("BACKUP FROM: standby"), "node3 was cloned from a standby:\n" + label);
            assertTrue(Files.readString(node3.log()).contains("bootstrap from replica 'node2'"), node3.logTail(30));

            // replicatefrom: node3 streams from node2, which streams from node1
            await(cluster, SOON, "node3 streams from node2", () -> "node3".equals(text(node2,
                    "SELECT string_agg(application_name, ',') FROM pg_stat_replication WHERE state = 'streaming'")));
            // a member's short replication-protocol queries (IDENTIFY_SYSTEM, timeline history) also show up
            // as walsenders, named pgha; only streaming ones are replicas
            assertEquals("node2", text(primary,
                    "SELECT string_agg(application_name, ',') FROM pg_stat_replication WHERE state = 'streaming'"),
                    "the primary serves node2 only");
            assertEquals("node3", text(node2, "SELECT string_agg(slot_name, ',') FROM pg_replication_slots"),
                    "node2 keeps the slot node3 streams through");

            // noloadbalance: node2 is left out of read load balancing, node3 is not
            assertEquals(503, get(node2, "/replica"));
            assertEquals(503, get(node2, "/read-only"));
            assertEquals(200, get(node2, "/health"));
            assertEquals(200, get(node3, "/replica"));
            assertEquals(200, get(node3, "/read-only"));
            assertEquals(200, get(primary, "/read-only"));
            assertEquals(503, get(primary, "/replica"));

            // failover_priority: with equal WAL positions the higher priority wins, even cascading
            execute(primary, "CREATE TABLE marker (id int)", "INSERT INTO marker VALUES (1)");
            await(cluster, SOON, "both replicas replayed everything", () -> "1".equals(text(node3,
                    "SELECT count(*) FROM marker")) && "1".equals(text(node2, "SELECT count(*) FROM marker")));
            cluster.kill9(1);
            Node leader = cluster.awaitLeader("node3", HEALTHY);
            execute(leader, "INSERT INTO marker VALUES (2)");
            await(cluster, SOON, "node2 follows the new primary", () -> "2".equals(text(node2, "SELECT count(*) FROM marker")));
        }
    }

    private static int get(Node node, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.restPort() + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
