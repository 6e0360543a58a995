package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.SyncState;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.WriteProbe;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * synchronous_mode: quorum on three pgha nodes (ANY 1 of the two standbys): /sync carries the quorum, a
 * crash of the primary's host loses no acknowledged commit and another node takes the writes, and with
 * one standby down commits still complete.
 */
class QuorumIT {
    private static final Duration HEALTHY = Duration.ofSeconds(150);

    @Test
    void losingAnyOneNodeLosesNoAcknowledgedCommitAndWritesGoOn() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("sync-quorum").timing(20, 1, 3)
                .bootstrapDcs(Map.of("synchronous_mode", "quorum")).start()) {
            Node old = cluster.awaitHealthy(HEALTHY);
            SyncState sync = awaitQuorum(cluster, old.name(), 2);
            assertEquals(1, sync.quorum(), "two voters, one needed besides the racer: " + sync);
            // /sync and synchronous_standby_names change in separate steps, in the order the quorum's safety needs
            String expected = "ANY 1 (" + String.join(",", sorted(sync.syncStandbys())) + ")";
            assertEquals(Optional.of(expected), old.awaitValue("SELECT pg_catalog.current_setting('synchronous_standby_names')",
                    expected, Duration.ofSeconds(30)));
            List<Integer> ports = cluster.nodes().stream().map(Node::pgPort).toList();
            try (WriteProbe writes = SyncStrictKillIT.startWrites(cluster, ports, old.index())) {
                Thread.sleep(1500);
                long killedAt = System.nanoTime();
                cluster.kill9(old.index());
                WriteProbe.Gap gap = writes.awaitTakeover(old.index(), killedAt, Duration.ofSeconds(90).toNanos());
                assertTrue(gap != null, "no other node took writes after the primary crashed\n" + cluster.logTails(30));
                Node primary = cluster.node(gap.newPrimary());
                assertEquals(0, writes.lost(primary.index(), writes.acks()), "acknowledged rows missing on " + primary.name());
                System.out.printf("QuorumIT: %s crashed, %s took writes after %d ms, %d acknowledged rows there%n",
                        old.name(), primary.name(), gap.millis(), writes.acks().size());

                cluster.start(old.index());
                Node leader = cluster.awaitHealthy(HEALTHY);
                awaitQuorum(cluster, leader.name(), 2);

                Node replica = cluster.nodes().stream().filter(n -> !n.name().equals(leader.name())).findFirst().orElseThrow();
                cluster.kill9(replica.index());
                int before = writes.acks().size();
                Thread.sleep(5000);
                long onLeader = writes.acks().stream().skip(before).filter(a -> a.node() == leader.index()).count();
                assertTrue(onLeader > 10, "commits stalled with one standby down: " + onLeader + " in 5 s");
                writes.stop();
                assertEquals(0, writes.lost(leader.index()), "acknowledged rows missing on " + leader.name());
                System.out.printf("QuorumIT: %s down, %d commits in 5 s, %d acknowledged rows checked%n",
                        replica.name(), onLeader, writes.acks().size());
            }
        }
    }

    static SyncState awaitQuorum(PghaClusterFixture cluster, String leader, int voters) throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY.toNanos();
        SyncState last = null;
        while (System.nanoTime() < deadline) {
            Cluster view = cluster.view();
            last = view.sync();
            if (!last.isEmpty() && last.leader().equals(leader) && last.syncStandbys().size() == voters
                    && last.quorum() != null) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/sync never named " + voters + " voters of " + leader + ": " + last + "\n"
                + cluster.logTails(30));
    }

    static String setting(Node node, String name) throws Exception {
        try (Connection c = node.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_catalog.current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }
}
