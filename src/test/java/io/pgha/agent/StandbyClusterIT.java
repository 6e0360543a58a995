package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.CommandResult;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A standby cluster (ha-loop.md §21): cluster B replicates cluster A through its standby leader, its
 * replica cascades from that leader, the standby leader's role moves to the replica when its agent
 * stalls, and B becomes a normal cluster when standby_cluster is removed. B's callbacks append
 * "<node> <action> <role> <scope>" to a file: each role change must be announced as Patroni 3.0.2 does.
 */
class StandbyClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String B = "standby-b";

    @Test
    void standbyClusterReplicatesTheRemotePrimaryHandsItsLeadOverAndPromotesWhenTheSectionIsRemoved() throws Exception {
        try (PghaClusterFixture a = PghaClusterFixture.builder("standby-a").nodes(1).timing(20, 2, 5)
                // the slot B's standby leader streams through: a permanent slot, made and kept by A's leader
                .bootstrapDcs(Map.of("slots", Map.of("standby_b", Map.of("type", "physical")))).start()) {
            Node primary = a.awaitLeader("node1", WAIT);
            execute(primary, "CREATE TABLE shipped (id int)");
            execute(primary, "INSERT INTO shipped VALUES (1)");

            Path calls = Files.createTempDirectory("pgha-standby-callbacks-").resolve("calls");
            Path script = calls.resolveSibling("record.sh");
            Files.writeString(script, "#!/bin/sh\necho \"$*\" >> " + calls + "\n");
            assertTrue(script.toFile().setExecutable(true, false));
            try (PghaClusterFixture b = PghaClusterFixture.builder(B).nodes(2).timing(20, 2, 5).etcd(a.etcd())
                    .localConfig(1, callbacks(script + " node1")).localConfig(2, callbacks(script + " node2"))
                    .standbyCluster("127.0.0.1", primary.pgPort(), Map.of("primary_slot_name", "standby_b")).start()) {
                Node standbyLeader = b.node(1);
                Node cascade = b.node(2);
                execute(primary, "INSERT INTO shipped VALUES (2)");

                assertEquals(Optional.of("2"), standbyLeader.awaitValue("SELECT count(*)::text FROM shipped", "2", WAIT),
                        "rows written on A reach B's standby leader\n" + b.logTails(20));
                assertEquals(Optional.of("2"), cascade.awaitValue("SELECT count(*)::text FROM shipped", "2", WAIT),
                        "and B's replica, which streams from the standby leader\n" + b.logTails(20));
                assertEquals(Optional.of("true"), primary.awaitValue(
                        "SELECT active::text FROM pg_replication_slots WHERE slot_name = 'standby_b'", "true", WAIT),
                        "the standby leader streams through primary_slot_name");
                assertEquals(Optional.of("node2"), standbyLeader.awaitValue(
                        "SELECT application_name FROM pg_stat_replication", "node2", WAIT),
                        "B's replica streams from B's standby leader, not from A");

                CommandResult list = b.pgha("list");
                assertTrue(list.stdout().contains("Standby Leader"), list.stdout() + list.stderr());
                assertFalse(writable(standbyLeader), "a standby leader refuses writes");
                assertFalse(writable(cascade), "its replica refuses writes");

                awaitCall(calls, "node1 on_start standby_leader " + B, b);
                awaitCall(calls, "node2 on_start replica " + B, b);

                // node1's agent stalls: its lock expires, node2 takes it and streams from A itself; node1
                // comes back as node2's replica. Patroni's follow() announces both as role changes.
                b.freezeAgent(1, true);
                try {
                    b.awaitStandbyLeader("node2", WAIT);
                    awaitCall(calls, "node2 on_role_change standby_leader " + B, b);
                } finally {
                    b.freezeAgent(1, false);
                }
                awaitCall(calls, "node1 on_role_change replica " + B, b);
                Node newStandbyLeader = cascade;
                Node newCascade = standbyLeader;
                assertEquals(Optional.of("node1"), newStandbyLeader.awaitValue(
                        "SELECT application_name FROM pg_stat_replication", "node1", WAIT),
                        "node1 now streams from node2\n" + b.logTails(20));

                CommandResult edit = b.pgha("edit-config", "-s", "standby_cluster=null", "--force");
                assertEquals(0, edit.exitCode(), edit.stdout() + edit.stderr());

                b.awaitLeader("node2", WAIT);
                assertTrue(awaitWritable(newStandbyLeader, WAIT), "B's leader is promoted\n" + b.logTails(20));
                awaitCall(calls, "node2 on_role_change primary " + B, b);
                execute(newStandbyLeader, "INSERT INTO shipped VALUES (3)");
                assertEquals("node2", b.awaitHealthy(WAIT).name(), "B's replica follows its new primary");
                assertEquals(Optional.of("3"), newCascade.awaitValue("SELECT count(*)::text FROM shipped", "3", WAIT),
                        "rows written on B's new primary reach its replica\n" + b.logTails(20));
                assertFalse(writable(newCascade));
            }
        }
    }

    private static Map<String, Object> callbacks(String command) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        for (String event : List.of("on_start", "on_stop", "on_restart", "on_reload", "on_role_change")) {
            all.put(event, command);
        }
        return Map.of("postgresql", Map.of("callbacks", all));
    }

    private static void awaitCall(Path calls, String expected, PghaClusterFixture b) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
            if (lines.contains(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no callback \"" + expected + "\"; calls: " + lines + "\n" + b.logTails(30));
    }

    private static void execute(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static boolean writable(Node node) {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE probe (id int)");
            s.execute("INSERT INTO shipped VALUES (0)");
            s.execute("DELETE FROM shipped WHERE id = 0");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean awaitWritable(Node node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (writable(node)) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }
}
