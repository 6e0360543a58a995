package io.pgha.agent;

import static io.pgha.agent.AgentClusterIT.awaitRow;
import static io.pgha.agent.AgentClusterIT.awaitWritable;
import static io.pgha.agent.AgentClusterIT.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.TcpProxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who may take over (ha-loop.md §6) and when a primary must step down (§2.1, §7.1), with three agents on
 * real etcd and the fast timings (ttl raised to 20, loop_wait 2, retry_timeout 3).
 */
class AgentFailoverRulesIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final long MB = 1024 * 1024;

    @Test
    void theReplicaWithMoreWalWinsTheRaceOverOneThatFellBehind() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("rules-lag").timing(10, 2, 3)
                .bootstrapDcs(Map.of("maximum_lag_on_failover", 64 * MB)).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            cluster.stop(3);
            execute(primary, "CREATE TABLE lag_check AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 5000) g");
            awaitCaughtUp(primary, cluster.node(2));

            cluster.kill9(primary.index());
            cluster.start(3);
            Node leader = cluster.awaitLeader("node2", Duration.ofSeconds(90));
            assertEquals(Optional.of("5000"), awaitRow(leader, "SELECT count(*)::text FROM lag_check", Duration.ofSeconds(10)));
            assertEquals(Optional.of("5000"), awaitRow(cluster.node(3), "SELECT count(*)::text FROM lag_check",
                    Duration.ofSeconds(60)), "the node that fell behind follows the winner and catches up");
        }
    }

    @Test
    void neitherANofailoverReplicaNorOneBeyondMaximumLagIsPromotedAndTheOldPrimaryTakesOverAgain() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("rules-nofailover").timing(10, 2, 3)
                .bootstrapDcs(Map.of("maximum_lag_on_failover", MB)).tags(2, Map.of("nofailover", true)).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            cluster.stop(3);
            execute(primary, "CREATE TABLE big AS SELECT g AS id, repeat('x', 500) AS pad FROM generate_series(1, 20000) g");
            awaitCaughtUp(primary, cluster.node(2));
            Thread.sleep(3000); // the leader publishes the new position in /status

            cluster.kill9(primary.index());
            cluster.start(3);
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < deadline) {
                assertEquals(Optional.empty(), cluster.leaderName().filter(name -> !name.equals("node1")),
                        "nobody may take over:\n" + cluster.logTails(10));
                Thread.sleep(500);
            }
            assertTrue(inRecovery(cluster.node(2)) && inRecovery(cluster.node(3)), "both replicas stay read-only");

            cluster.start(primary.index());
            assertEquals("node1", cluster.awaitHealthy(HEALTHY).name(), "the old primary has all the data and leads again");
            assertEquals(Optional.of("20000"), awaitRow(cluster.node(3), "SELECT count(*)::text FROM big",
                    Duration.ofSeconds(60)));
        }
    }

    @Test
    void aPrimaryCutOffFromEtcdStopsTakingWritesBeforeAnotherNodeIsPromoted() throws Exception {
        try (io.pgha.testing.EtcdFixture etcd = io.pgha.testing.EtcdFixture.startSingle();
             TcpProxy proxy = TcpProxy.to(etcd.members().get(0).clientPort());
             PghaClusterFixture cluster = PghaClusterFixture.builder("rules-partition").timing(10, 2, 3).etcd(etcd)
                     .etcdHosts(1, "127.0.0.1:" + proxy.port()).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            execute(primary, "CREATE TABLE partition_check (id int)");

            long cut = System.nanoTime();
            proxy.pause();
            long readOnly = 0;
            long deadline = cut + Duration.ofSeconds(60).toNanos();
            while (readOnly == 0 && System.nanoTime() < deadline) {
                if (!writable(primary)) {
                    readOnly = System.nanoTime();
                }
                for (Node other : List.of(cluster.node(2), cluster.node(3))) {
                    assertTrue(readOnly != 0 || !writable(other), other + " took writes while " + primary + " still did");
                }
                Thread.sleep(100);
            }
            assertTrue(readOnly != 0, "the cut-off primary kept taking writes\n" + cluster.logTails(20));
            Node successor = awaitWritable(cluster, List.of(cluster.node(2), cluster.node(3)), Duration.ofSeconds(60));
            long promoted = System.nanoTime();
            System.out.printf("cut from etcd: primary read-only after %d ms, %s writable after %d ms%n",
                    (readOnly - cut) / 1_000_000, successor.name(), (promoted - cut) / 1_000_000);
            assertTrue(readOnly - cut < Duration.ofSeconds(20).toNanos(), "demoted before the ttl could expire");

            proxy.resume();
            assertEquals(successor.name(), cluster.awaitHealthy(HEALTHY).name(), "the old primary rejoins as a replica");
        }
    }

    @Test
    void aPrimaryWhosePostgresCrashedIsStartedAgainAsPrimaryWithoutLosingTheLeaderKey() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("rules-crash").timing(10, 2, 3).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            execute(primary, "CREATE TABLE partition_check (id int)");
            long crashed = System.nanoTime();
            cluster.kill9Postgres(primary.index());
            long deadline = crashed + Duration.ofSeconds(60).toNanos();
            while (!writable(primary)) {
                assertEquals(Optional.of(primary.name()), cluster.leaderName(), "the leader key stays where it was");
                assertTrue(System.nanoTime() < deadline, "PostgreSQL was not started again\n" + primary.logTail(20));
                Thread.sleep(100);
            }
            System.out.printf("crashed primary PostgreSQL writable again after %d ms%n", (System.nanoTime() - crashed) / 1_000_000);
            assertTrue(java.nio.file.Files.readString(primary.log()).contains("starting primary after failure"),
                    primary.logTail(20));
            assertEquals(primary.name(), cluster.awaitHealthy(HEALTHY).name(), "the replicas stream from it again");
        }
    }

    private static boolean writable(Node node) {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO partition_check VALUES (1)");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean inRecovery(Node node) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Waits until {@code replica} has received everything {@code primary} has written so far. */
    private static void awaitCaughtUp(Node primary, Node replica) throws Exception {
        String target;
        try (Connection c = primary.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            target = rs.getString(1);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = replica.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_last_wal_receive_lsn() >= '" + target + "'::pg_lsn")) {
                if (rs.next() && rs.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(replica + " did not receive up to " + target);
    }
}
