package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.ha.PostgresState;
import io.pgha.postgres.PostmasterState;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Health check codes for situations the captures do not show (rest-api.md §3). */
class HealthCheckTest {
    private static final long MB = 1024 * 1024;

    private static int code(NodeView view, String pathAndQuery) {
        return HealthCheck.statusCode(ApiRequest.of("GET", pathAndQuery), StatusDocument.of(view), view);
    }

    private static NodeView leader() {
        return CapturedNodes.view("healthy", "node1");
    }

    private static NodeStates replica() {
        return NodeStates.of(CapturedNodes.view("healthy", "node2"));
    }

    /** A replica whose replay is {@code behind} bytes behind the cluster LSN of the healthy capture (67108864). */
    private static NodeView replicaBehind(long behind) {
        NodeStates node = replica();
        long replayed = 67108864 - behind;
        return node.postgres(NodeStates.positions(node.postgres(), replayed, replayed)).view();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/replica,200", "/replica?lag=1MB,503", "/replica?lag=3MB,200", "/replica?lag=2097152,200",
        "/replica?lag=2097151,503", "/replica?lag=nonsense,200", "/replica?lag=,200", "/async?lag=1MB,503",
        "/read-only?lag=1MB,503", "/health?lag=1MB,200"})
    void lagLimitsReplicaChecks(String path, int expected) {
        assertEquals(expected, code(replicaBehind(2 * MB), path));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/replica?tag_nosync=true,200", "/replica?tag_nosync=True,503", "/replica?tag_dc=west,200",
        "/replica?tag_dc=east,503", "/replica?tag_rack=1,503", "/replica?tag_priority=1,200",
        "/replica?tag_dc=west&tag_nosync=true,200", "/replica?tag_dc=west&tag_nosync=false,503",
        "/health?tag_dc=east,503", "/read-only?tag_dc=west,200", "/async?tag_dc=east,503", "/replica?tag_dc=,200"})
    void tagFiltersMatchConfiguredTagsAsText(String path, int expected) {
        NodeView view = replica().tags(Map.of("nosync", true, "dc", "west", "priority", 1L)).view();
        assertEquals(expected, code(view, path));
    }

    @ParameterizedTest(name = "{0} -> 200")
    @CsvSource({"/primary?tag_dc=east", "/leader?tag_dc=east", "/read-write?tag_missing=x", "/?tag_dc=east"})
    void lockChecksIgnoreTags(String path) {
        assertEquals(200, code(leader(), path));
    }

    @Test
    void tagFilterDoesNotTurnA503Into200() {
        NodeView view = replica().tags(Map.of("dc", "west")).view();
        assertEquals(503, code(view, "/primary?tag_dc=west"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"/replica,503", "/read-only,503", "/async,503", "/health,200"})
    void noloadbalanceTakesAReplicaOutOfReadTraffic(String path, int expected) {
        assertEquals(expected, code(replica().tags(Map.of("noloadbalance", true)).view(), path));
    }

    @Test
    void syncStandbyWithNoloadbalanceFailsSync() {
        NodeStates node = replica().config("synchronous_mode", true).sync("node1", "node2");
        assertEquals(200, code(node.view(), "/sync"));
        assertEquals(503, code(node.tags(Map.of("noloadbalance", true)).view(), "/sync"), "observed on 3.0.2");
    }

    @ParameterizedTest(name = "{0}: leader {1}, sync standby {2}, other replica {3}")
    @CsvSource({"/sync,503,200,503", "/synchronous,503,200,503", "/async,503,503,200", "/asynchronous,503,503,200",
        "/read-only-sync,200,200,503", "/read-only-synchronous,200,200,503", "/quorum,503,503,503",
        "/read-only-quorum,200,503,503", "/sync/extra,503,503,503"})
    void synchronousChecks(String path, int leader, int sync, int other) {
        assertEquals(leader, code(NodeStates.of(leader()).config("synchronous_mode", true).sync("node1", "node2").view(),
                path));
        assertEquals(sync, code(replica().config("synchronous_mode", true).sync("node1", "node2").view(), path));
        assertEquals(other, code(replica().config("synchronous_mode", true).sync("node1", "node3").view(), path));
    }

    @ParameterizedTest(name = "{0}: quorum standby {1}")
    @CsvSource({"/quorum,200", "/read-only-quorum,200", "/sync,503", "/async,503", "/read-only-sync,503"})
    void quorumChecks(String path, int expected) {
        NodeView view = replica().config("synchronous_mode", "quorum").sync("node1", "node2", "node3").view();
        assertEquals(expected, code(view, path));
    }

    @ParameterizedTest(name = "{0} -> leader {1}, replica {2}")
    @CsvSource({"/,200,503", "/master,200,503", "/primary/anything,200,503", "/leader,200,503",
        "/standby_leader,503,503", "/standby-leader,503,503", "/replica-check,503,200", "/healthz,200,200",
        "/read-write,200,503", "/foo,503,503", "/patroni,503,503", "/read-only,200,200"})
    void pathsAreMatchedBySubstring(String path, int leader, int replica) {
        assertEquals(leader, code(leader(), path));
        assertEquals(replica, code(replica().view(), path));
    }

    @Test
    void withoutADcsViewAPausedNodeAnswersByItsPostgresRole() {
        NodeStates primary = NodeStates.of(leader()).config("pause", true);
        NodeView lost = primary.holdsLeaderKey(false).now(primary.build().dcsLastSeen().plusSeconds(31)).view();
        assertEquals(200, code(lost, "/primary"));
        assertEquals(200, code(lost, "/leader"));
        assertEquals(503, code(lost, "/standby-leader"));
        assertEquals(503, code(lost, "/sync"), "no view: synchronous checks fail");
        NodeStates standby = replica().config("pause", true);
        assertEquals(503, code(standby.now(standby.build().dcsLastSeen().plusSeconds(31)).view(), "/leader"));
    }

    @Test
    void withoutADcsViewAndNotPausedTheLockDecides() {
        NodeStates node = NodeStates.of(leader());
        NodeView lost = node.now(node.build().dcsLastSeen().plusSeconds(31)).view();
        assertEquals(200, code(lost, "/primary"));
        assertEquals(503, code(node.holdsLeaderKey(false).now(lost.now()).view(), "/primary"));
        NodeStates standby = replica();
        NodeView replicaLost = standby.now(standby.build().dcsLastSeen().plusSeconds(31)).view();
        assertEquals(200, code(replicaLost, "/replica"), "no cluster LSN, so never lagging");
        assertEquals(503, code(replicaLost, "/async"));
    }

    @Test
    void lockHolderIsPrimaryEvenWhilePostgresIsDown() {
        NodeView view = NodeStates.of(leader()).postgres(NodeStates.notRunning(PostmasterState.STOPPED))
                .postgresState(PostgresState.STOPPED).view();
        assertEquals(200, code(view, "/primary"));
        assertEquals(503, code(view, "/health"));
    }

    @Test
    void standbyClusterLeaderIsStandbyLeaderNotPrimary() {
        NodeView view = replica().config("standby_cluster", Map.of("host", "10.0.0.1")).role("standby_leader")
                .holdsLeaderKey(true).view();
        assertEquals(200, code(view, "/standby-leader"));
        assertEquals(200, code(view, "/leader"));
        assertEquals(503, code(view, "/primary"));
        assertEquals(503, code(view, "/replica"));
        assertEquals(200, code(view, "/read-only"));
        NodeView follower = replica().config("standby_cluster", Map.of("host", "10.0.0.1")).view();
        assertEquals(200, code(follower, "/replica"));
        assertEquals(503, code(follower, "/standby-leader"));
    }

    @Test
    void stoppedReplicaFailsEverything() {
        NodeView view = replica().postgres(NodeStates.notRunning(PostmasterState.STOPPED))
                .postgresState(PostgresState.STOPPED).view();
        for (String path : new String[] {"/replica", "/read-only", "/health", "/async", "/primary"}) {
            assertEquals(503, code(view, path), path);
        }
    }
}
