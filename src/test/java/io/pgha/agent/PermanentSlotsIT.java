package io.pgha.agent;

import static io.pgha.agent.AgentClusterIT.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Permanent slots of {@code /config} (ha-loop.md §16.3/§16.4) with three agents on real etcd and
 * PostgreSQL 15: a physical one on every node, a logical one created on the primary, copied to the replicas
 * and moved along with the positions the leader publishes in /status, so it survives a failover; slots of
 * members that left are dropped.
 */
class PermanentSlotsIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final String CHANGES = "SELECT coalesce(string_agg(data, E'\\n'), '')"
            + " FROM pg_logical_slot_get_changes('perm_logical', NULL, NULL)";

    /** Whether the oldest WAL segment in pg_wal begins at or before the logical slot's restart_lsn. */
    private static final String SLOT_WAL_PRESENT = "SELECT ((s.restart_lsn - '0/0') >= ("
            + "('x' || substr(w.name, 9, 8))::bit(32)::bigint * 4294967296"
            + " + ('x' || substr(w.name, 17, 8))::bit(32)::bigint"
            + " * (SELECT setting::bigint FROM pg_settings WHERE name = 'wal_segment_size')))::text"
            + " FROM pg_replication_slots s, (SELECT min(name) AS name FROM pg_ls_waldir()"
            + " WHERE name ~ '^[0-9A-F]{24}$') w WHERE s.slot_name = 'perm_logical'";

    @Test
    void permanentSlotsAreKeptEverywhereAndALogicalSlotIsUsableOnTheNewPrimaryAfterAFailover() throws Exception {
        Map<String, Object> slots = Map.of(
                "perm_logical", Map.of("type", "logical", "database", "postgres", "plugin", "test_decoding"),
                "perm_phys", Map.of("type", "physical"));
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("perm-slots").timing(10, 2, 3)
                .parameter("wal_level", "logical").bootstrapDcs(Map.of("slots", slots)).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            assertEquals("node1", primary.name());
            for (Node node : cluster.nodes()) {
                await(cluster, SOON, node + " has the permanent physical slot",
                        () -> "physical".equals(text(node, "SELECT slot_type FROM pg_replication_slots WHERE slot_name = 'perm_phys'")));
            }
            await(cluster, SOON, "the primary keeps a slot for each replica", () -> "node2,node3".equals(text(primary,
                    "SELECT string_agg(slot_name, ',' ORDER BY slot_name) FROM pg_replication_slots"
                            + " WHERE slot_name LIKE 'node%'")));

            await(cluster, SOON, "the primary has the permanent logical slot",
                    () -> "test_decoding".equals(text(primary, "SELECT plugin FROM pg_replication_slots WHERE slot_name = 'perm_logical'")));
            execute(primary, "CREATE TABLE orders (id int PRIMARY KEY, note text)",
                    "INSERT INTO orders VALUES (1, 'before failover')");
            String consumed = text(primary, CHANGES);
            assertTrue(consumed.contains("before failover"), consumed);
            // The replicas were cloned after the slot was made, so they lack the WAL from its first restart_lsn:
            // a copy is usable after a failover only once the consumer has moved the slot past their clone
            // (Patroni's copies too). A checkpoint logs the running transactions that let decoding move it.
            for (int round = 0; round < 2; round++) {
                execute(primary, "CHECKPOINT");
                text(primary, CHANGES);
            }
            long confirmed = number(primary, "SELECT (confirmed_flush_lsn - '0/0')::bigint FROM pg_replication_slots"
                    + " WHERE slot_name = 'perm_logical'");

            await(cluster, SOON, "/status holds the logical slot's confirmed position", () -> {
                Long published = cluster.view().status().slots().get("perm_logical");
                return published != null && published >= confirmed && cluster.view().status().slots().containsKey("perm_phys");
            });
            for (Node replica : List.of(cluster.node(2), cluster.node(3))) {
                await(cluster, HEALTHY, replica + " copied the logical slot and moved it to the published position", () -> {
                    String position = text(replica, "SELECT (confirmed_flush_lsn - '0/0')::bigint FROM pg_replication_slots"
                            + " WHERE slot_name = 'perm_logical'");
                    return position != null && Long.parseLong(position) >= confirmed;
                });
                assertEquals("on", text(replica, "SHOW hot_standby_feedback"), replica + " feeds back for the logical slot");
                await(cluster, SOON, replica + " holds the WAL its copy of the logical slot starts from",
                        () -> "true".equals(text(replica, SLOT_WAL_PRESENT)));
            }

            cluster.kill9(3);
            await(cluster, SOON, "node3's member key expires", () -> cluster.view().member("node3").isEmpty());
            await(cluster, SOON, "the primary drops the slot of node3, which left", () -> "node2".equals(text(primary,
                    "SELECT string_agg(slot_name, ',' ORDER BY slot_name) FROM pg_replication_slots WHERE slot_name LIKE 'node%'")));

            cluster.kill9(1);
            Node leader = cluster.awaitLeader("node2", HEALTHY);
            execute(leader, "INSERT INTO orders VALUES (2, 'after failover')");
            String decoded = decodeOnceFree(cluster, leader);
            assertTrue(decoded.contains("after failover"), "the slot decodes changes made on the new primary: " + decoded);
            assertFalse(decoded.contains("before failover"), "what was consumed before the failover is not decoded again");
            await(cluster, SOON, "the new leader publishes its slot positions", () -> {
                Long published = cluster.view().status().slots().get("perm_logical");
                return published != null && published > confirmed;
            });
        }
    }

    static void await(PghaClusterFixture cluster, Duration timeout, String what, Supplier<Boolean> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "\n" + cluster.logTails(40));
    }

    /** The first column of the first row, null when there is none or the node cannot answer. */
    static String text(Node node, String query) {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The slot's changes, read as soon as the new primary lets a consumer have the slot. Right after the
     * promotion a background advance started while it was a replica may still hold the slot ("replication
     * slot is active"); a consumer retries that, so the test does too and names the last error if it never
     * succeeds (a full run once saw the first read fail, with no log left to tell why).
     */
    private static String decodeOnceFree(PghaClusterFixture cluster, Node leader) throws InterruptedException {
        long deadline = System.nanoTime() + SOON.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = leader.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(CHANGES)) {
                rs.next();
                return rs.getString(1);
            } catch (SQLException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(leader + " never decoded the slot: " + (last == null ? "no answer" : last.getMessage())
                + "\n" + cluster.logTails(40));
    }

    static long number(Node node, String query) {
        return Optional.ofNullable(text(node, query)).map(Long::parseLong)
                .orElseThrow(() -> new AssertionError(node + ": no answer to " + query));
    }
}
