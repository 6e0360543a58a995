package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.testing.NoRerun;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.WriteProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * synchronous_mode with synchronous_mode_strict on three pgha nodes while a client inserts without pause:
 * the primary's host crashes (agent and PostgreSQL killed with SIGKILL) again and again, at a random
 * moment; after every failover each row the client saw acknowledged is on the new primary, and the
 * crashed node comes back as a streaming replica before the next crash. Crashes:
 * {@code -Dpgha.syncKills} (default 20).
 */
@ExtendWith(NoRerun.class)
class SyncStrictKillIT {
    private static final Duration HEALTHY = Duration.ofSeconds(150);

    @Test
    void noAcknowledgedCommitIsLostWhenThePrimaryCrashesRepeatedly() throws Exception {
        int kills = Integer.getInteger("pgha.syncKills", 20);
        SplittableRandom random = new SplittableRandom(Long.getLong("pgha.syncSeed", System.nanoTime()));
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("sync-strict").timing(20, 1, 3)
                .bootstrapDcs(Map.of("synchronous_mode", true, "synchronous_mode_strict", true)).start()) {
            Node first = cluster.awaitHealthy(HEALTHY);
            awaitSyncStandby(cluster, first.name());
            List<Integer> ports = cluster.nodes().stream().map(Node::pgPort).toList();
            try (WriteProbe writes = startWrites(cluster, ports, first.index())) {
                long checked = 0;
                try {
                    checked = crashRepeatedly(cluster, writes, kills, random);
                } catch (AssertionError | RuntimeException e) {
                    System.out.println(cluster.logTails(400)); // the whole story, not just the last lines
                    throw e;
                }
                writes.stop();
                Node last = cluster.awaitHealthy(HEALTHY);
                assertEquals(0, writes.lost(last.index()), "acknowledged rows missing at the end");
                System.out.printf("SyncStrictKillIT: %d crashes of the primary, %d acknowledged rows checked, none lost%n",
                        kills, writes.acks().size());
                assertTrue(checked > 0);
            }
        }
    }

    private static long crashRepeatedly(PghaClusterFixture cluster, WriteProbe writes, int kills, SplittableRandom random)
            throws Exception {
        long checked = 0;
        {
            {
                for (int kill = 1; kill <= kills; kill++) {
                    Node old = cluster.awaitHealthy(HEALTHY);
                    String standby = awaitSyncStandby(cluster, old.name());
                    Thread.sleep(random.nextInt(3000));
                    long killedAt = System.nanoTime();
                    cluster.kill9(old.index());

                    WriteProbe.Gap gap = writes.awaitTakeover(old.index(), killedAt, Duration.ofSeconds(90).toNanos());
                    assertTrue(gap != null, "kill " + kill + ": no other node took writes\n" + cluster.logTails(30));
                    Node primary = cluster.node(gap.newPrimary());
                    assertEquals(standby, primary.name(), "kill " + kill + ": only the synchronous standby may take over");
                    List<WriteProbe.Ack> acknowledged = writes.acks(); // the probe goes on writing meanwhile
                    long lost = writes.lost(primary.index(), acknowledged);
                    checked = acknowledged.size();
                    assertEquals(0, lost, "kill " + kill + ": acknowledged rows missing on " + primary.name());
                    System.out.printf("kill %d of %d: %s crashed, %s took over after %d ms, %d acknowledged rows all there%n",
                            kill, kills, old.name(), primary.name(), gap.millis(), checked);

                    cluster.start(old.index());
                    Node leader = cluster.awaitHealthy(HEALTHY);
                    assertNotEquals(old.name(), leader.name(), "kill " + kill + ": the crashed node took the lead back");
                }
            }
        }
        return checked;
    }

    static WriteProbe startWrites(PghaClusterFixture cluster, List<Integer> ports, int primary) {
        try {
            return WriteProbe.start(ports, primary, PghaClusterFixture.SUPERUSER, PghaClusterFixture.SUPERUSER_PASSWORD);
        } catch (java.sql.SQLException e) {
            throw new AssertionError("cannot start writing on node" + primary + ": " + e + "\n" + cluster.logTails(60), e);
        }
    }

    /** Waits until /sync names {@code leader} and one synchronous standby; returns the standby. */
    static String awaitSyncStandby(PghaClusterFixture cluster, String leader) throws InterruptedException {
        long deadline = System.nanoTime() + HEALTHY.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Cluster view = cluster.view();
            Optional<String> standby = view.sync().isEmpty() || !view.sync().leader().equals(leader)
                    ? Optional.empty() : view.sync().syncStandbys().stream().findFirst();
            if (standby.isPresent()) {
                return standby.get();
            }
            last = view.sync().toString();
            Thread.sleep(200);
        }
        throw new AssertionError("no synchronous standby of " + leader + " in /sync: " + last + "\n" + cluster.logTails(30));
    }
}
