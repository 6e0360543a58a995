package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.WriteProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * synchronous_mode on three pgha nodes where node2 has {@code nosync} and node3 {@code nofailover}: as in
 * Patroni 3.0.2 and 4.1, a nofailover replica may be the synchronous standby (it is only put behind
 * promotable ones), a nosync one never is; when the primary crashes nobody is promoted — node3 may not,
 * node2 does not hold every commit — until the old primary comes back and leads again, without losing
 * an acknowledged commit. patronictl 3.0.2 and pgha list node3 as "Sync Standby".
 */
class SyncTagsIT {
    private static final Duration HEALTHY = Duration.ofSeconds(150);

    @Test
    void nosyncIsNeverSynchronousAndNofailoverIsNeverPromoted() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("sync-tags").timing(20, 1, 3)
                .bootstrapDcs(Map.of("synchronous_mode", true))
                .tags(2, Map.of("nosync", true)).tags(3, Map.of("nofailover", true)).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            assertEquals("node1", primary.name());
            assertEquals("node3", SyncStrictKillIT.awaitSyncStandby(cluster, "node1"));
            assertEquals("node3", QuorumIT.setting(primary, "synchronous_standby_names"));

            CommandResult patronictl = cluster.patronictl("list");
            assertEquals(0, patronictl.exitCode(), patronictl.stderr());
            assertTrue(line(patronictl.stdout(), "node3").contains("Sync Standby"), patronictl.stdout());
            assertTrue(line(patronictl.stdout(), "node2").contains("| Replica"), patronictl.stdout());
            CommandResult pgha = cluster.pgha("list");
            assertEquals(0, pgha.exitCode(), pgha.stderr());
            assertTrue(line(pgha.stdout(), "node3").contains("Sync Standby"), pgha.stdout());

            List<Integer> ports = cluster.nodes().stream().map(Node::pgPort).toList();
            try (WriteProbe writes = SyncStrictKillIT.startWrites(cluster, ports, 1)) {
                Thread.sleep(1500);
                cluster.kill9(1);
                long watchUntil = System.nanoTime() + Duration.ofSeconds(35).toNanos();
                while (System.nanoTime() < watchUntil) {
                    Cluster view = cluster.view();
                    assertTrue(view.isUnlocked() || view.leader().name().equals("node1"),
                            "promoted after the primary crashed: " + view.leader() + "\n" + cluster.logTails(30));
                    assertTrue(!view.sync().isSyncStandby("node2"), "nosync node2 in /sync: " + view.sync());
                    Thread.sleep(250);
                }
                assertTrue(cluster.leaderName().isEmpty(), "the crashed primary's key outlived its lease");
                cluster.start(1);
                Node leader = cluster.awaitHealthy(HEALTHY);
                assertEquals("node1", leader.name(), "the old primary, the only node with every commit, leads again");
                writes.stop();
                assertEquals(0, writes.lost(1), "acknowledged rows missing on node1");
                assertEquals("node3", SyncStrictKillIT.awaitSyncStandby(cluster, "node1"));
                System.out.printf("SyncTagsIT: no promotion while node1 was down, %d acknowledged rows checked%n",
                        writes.acks().size());
            }
        }
    }

    private static String line(String table, String member) {
        return table.lines().filter(l -> l.contains(" " + member + " ")).findFirst().orElse("");
    }
}
