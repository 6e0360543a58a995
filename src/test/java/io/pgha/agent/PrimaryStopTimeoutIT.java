package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * primary_stop_timeout 5 in strict synchronous mode on two pgha nodes: every PostgreSQL process of the
 * synchronous standby is frozen (SIGSTOP), so the primary's walsender waits for a flush that never comes
 * and a fast shutdown would hang until wal_sender_timeout (2 min here). SIGTERM to the primary's agent:
 * it aborts PostgreSQL after 5 s as Patroni words it, releases the key and exits long before that; once
 * the standby thaws it takes over with the acknowledged row, and the old primary rejoins as its replica.
 */
class PrimaryStopTimeoutIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final Duration WAL_SENDER_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void aShutdownHeldUpByAFrozenSynchronousStandbyIsAbortedAfterPrimaryStopTimeout() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("stop-timeout").nodes(2).timing(20, 1, 3)
                .parameter("wal_sender_timeout", WAL_SENDER_TIMEOUT.toSeconds() + "s")
                .bootstrapDcs(Map.of("synchronous_mode", true, "synchronous_mode_strict", true,
                        "primary_stop_timeout", 5)).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            assertEquals("node1", primary.name());
            assertEquals("node2", SyncStrictKillIT.awaitSyncStandby(cluster, "node1"));
            try (Connection c = primary.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE acknowledged (id int)");
                s.execute("INSERT INTO acknowledged VALUES (42)"); // returns once node2 has flushed it
            }

            cluster.freezePostgres(2, true);
            long sent = System.nanoTime();
            try {
                cluster.signalTerm(1);
                while (cluster.node(1).isRunning() && System.nanoTime() - sent < WAL_SENDER_TIMEOUT.toNanos() * 3 / 4) {
                    Thread.sleep(200);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - sent);
                String log = Files.readString(cluster.node(1).log());
                assertFalse(cluster.node(1).isRunning(), "the agent still runs after " + took + "\n" + cluster.logTails(40));
                assertTrue(log.contains("Timeout during postmaster stop, aborting Postgres."), log);
                assertTrue(cluster.node(1).postmasterPid().isEmpty(), "node1's postmaster outlived its agent");
                assertFalse(cluster.leaderName().orElse("").equals("node1"), "node1 left its leader key behind");
                System.out.printf("PrimaryStopTimeoutIT: the primary's agent exited %d ms after SIGTERM%n", took.toMillis());
            } finally {
                cluster.freezePostgres(2, false);
            }

            cluster.awaitLeader("node2", HEALTHY);
            try (Connection c = cluster.node(2).connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id FROM acknowledged")) {
                assertTrue(rs.next(), "the acknowledged row is missing on node2");
                assertEquals(42, rs.getInt(1));
            }
            cluster.start(1);
            assertEquals("node2", cluster.awaitHealthy(HEALTHY).name(), "node1 rejoins as a replica");
        }
    }
}
