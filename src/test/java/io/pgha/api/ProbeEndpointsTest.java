package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.ha.PostgresState;
import io.pgha.postgres.PostmasterState;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** /liveness and /readiness (rest-api.md §5; readiness by Patroni 4.1's rules). */
class ProbeEndpointsTest {

    private static int liveness(NodeView view) {
        ApiResponse response = ProbeEndpoints.liveness(ApiRequest.of("GET", "/liveness"), view);
        assertTrue(response.statusOnly());
        return response.status();
    }

    private static int readiness(NodeView view, String pathAndQuery) {
        ApiResponse response = ProbeEndpoints.readiness(ApiRequest.of("GET", pathAndQuery), view);
        assertTrue(response.statusOnly());
        return response.status();
    }

    /** healthy capture: ttl 30, loop_wait 10; the next cycle was due 10 s after the last one ended. */
    @ParameterizedTest(name = "{0} s after the last cycle: primary {1}, replica {2}")
    @CsvSource({"1,200,200", "39,200,200", "40,503,200", "69,503,200", "70,503,503"})
    void livenessToleratesTtlOnThePrimaryAndTwiceThatElsewhere(long seconds, int primary, int replica) {
        NodeStates leader = NodeStates.of(CapturedNodes.view("healthy", "node1"));
        Instant last = leader.build().lastCycle();
        assertEquals(primary, liveness(leader.now(last.plusSeconds(seconds)).view()));
        NodeStates standby = NodeStates.of(CapturedNodes.view("healthy", "node2"));
        assertEquals(replica, liveness(standby.now(standby.build().lastCycle().plusSeconds(seconds)).view()));
    }

    @Test
    void livenessIsFineWhilePausedAndFailsBeforeAnyCycle() {
        NodeStates leader = NodeStates.of(CapturedNodes.view("healthy", "node1"));
        Instant late = leader.build().lastCycle().plusSeconds(3600);
        assertEquals(200, liveness(leader.config("pause", true).now(late).view()));
        assertEquals(503, liveness(NodeStates.of(CapturedNodes.view("healthy", "node1")).lastCycle(null).view()));
    }

    @Test
    void lockHolderIsReadyWhateverItsPostgresDoes() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1"))
                .postgres(NodeStates.notRunning(PostmasterState.STOPPED)).postgresState(PostgresState.STOPPED).view();
        assertEquals(200, readiness(view, "/readiness"));
    }

    @Test
    void replicaMustRunAndStream() {
        NodeStates replica = NodeStates.of(CapturedNodes.view("healthy", "node2"));
        assertEquals(200, readiness(replica.view(), "/readiness"));
        assertEquals(503, readiness(replica.postgres(NodeStates.replicationState(replica.postgres(), "in archive recovery"))
                .view(), "/readiness"));
        NodeStates stopped = NodeStates.of(CapturedNodes.view("healthy", "node2"))
                .postgres(NodeStates.notRunning(PostmasterState.STOPPED)).postgresState(PostgresState.STOPPED);
        assertEquals(503, readiness(stopped.view(), "/readiness"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/readiness,503", "/readiness?lag=3MB,200", "/readiness?mode=write,200",
        "/readiness?mode=write&lag=1kB,503", "/readiness?lag=bad,503"})
    void replicaLaggingBeyondTheLimitIsNotReady(String path, int expected) {
        // replayed 2 MB behind the cluster LSN, received up to 4 kB behind; maximum_lag_on_failover is 1 MB
        NodeStates replica = NodeStates.of(CapturedNodes.view("healthy", "node2"));
        NodeView view = replica.postgres(NodeStates.positions(replica.postgres(), 67108864L - 4096, 67108864L - 2 * 1048576))
                .view();
        assertEquals(expected, readiness(view, path));
    }

    @Test
    void withoutADcsViewOnlyFailsafeKeepsAReplicaReady() {
        NodeStates replica = NodeStates.of(CapturedNodes.view("healthy", "node2"));
        Instant late = replica.build().dcsLastSeen().plusSeconds(31);
        assertEquals(503, readiness(replica.now(late).view(), "/readiness"));
        assertEquals(200, readiness(replica.failsafeActive(true).now(late).view(), "/readiness"));
    }
}
