package io.pgha.agent;

import static io.pgha.agent.AgentClusterIT.awaitWritable;
import static io.pgha.agent.AgentClusterIT.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * etcd losing its quorum for longer than the leader's renewal deadline: the leader demotes offline and
 * keeps its key (etcd expires no lease without a quorum), and once etcd is back it must take the key
 * back and lead again. The chaos suite found a leader that never tried: the cluster stayed without a
 * primary for good.
 */
class QuorumLossIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);

    @Test
    void aLeaderDemotedByALongQuorumLossLeadsAgainOnceEtcdIsBack() throws Exception {
        try (EtcdFixture etcd = EtcdFixture.start(3);
             PghaClusterFixture cluster = PghaClusterFixture.builder("quorum-loss").timing(20, 2, 5).etcd(etcd).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            execute(primary, "CREATE TABLE quorum_check (id int)");

            List<EtcdFixture.Member> stopped = etcd.members().subList(0, 2);
            stopped.forEach(etcd::stop);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.readString(primary.log()).contains("demoted self because DCS is not accessible")) {
                assertTrue(System.nanoTime() < deadline, "the leader did not demote without etcd\n" + primary.logTail(20));
                Thread.sleep(200);
            }
            // past the renewal deadline (loop_wait + 2 × retry_timeout = 12 s) before etcd comes back
            Thread.sleep(Duration.ofSeconds(20).toMillis());
            for (EtcdFixture.Member member : stopped) {
                etcd.restart(member);
            }

            Node writable = awaitWritable(cluster, cluster.nodes(), Duration.ofSeconds(90));
            assertEquals(writable.name(), cluster.awaitHealthy(HEALTHY).name(), "the replicas stream from the new primary");
        }
    }
}
