package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pgha.dcs.Failover;
import io.pgha.dcs.Json;
import io.pgha.dcs.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /cluster} in Patroni 4.1's shape (rest-api.md §5.1) for what the 3.0.2 captures cannot show. */
class ClusterDocumentTest {

    private static Map<String, Object> body(NodeView view) {
        return ClusterDocument.of(view.node().cluster(), "demo");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> body, String name) {
        return ((List<Map<String, Object>>) body.get("members")).stream().filter(m -> name.equals(m.get("name")))
                .findFirst().orElseThrow();
    }

    /** A member key as Patroni 4.1 writes it for a streaming replica. */
    @SuppressWarnings("unchecked")
    private static Member replica41(String name, long receive, long replay) {
        String json = "{\"conn_url\":\"postgres://127.0.0.1:15453/postgres\",\"api_url\":\"http://127.0.0.1:18023/patroni\","
                + "\"state\":\"running\",\"role\":\"replica\",\"version\":\"4.1.4\",\"tags\":{\"failover_priority\":2,"
                + "\"dc\":\"west\"},\"pending_restart\":true,\"pending_restart_reason\":{\"max_connections\":"
                + "{\"old_value\":\"100\",\"new_value\":\"120\"}},\"xlog_location\":" + Math.max(receive, replay)
                + ",\"replay_lsn\":" + replay + ",\"receive_lsn\":" + receive
                + ",\"replication_state\":\"streaming\",\"timeline\":1}";
        Map<String, Object> data = (Map<String, Object>) Json.parse(json).orElseThrow();
        return new Member(name, 1, 1, "postgres://127.0.0.1:15453/postgres", "http://127.0.0.1:18023/patroni",
                "running", "replica", "4.1.4", null, (Map<String, Object>) data.get("tags"), true,
                (Map<String, Object>) data.get("pending_restart_reason"), Math.max(receive, replay), replay, receive,
                "streaming", 1, null, false, null, data);
    }

    @Test
    void streamingReplicaShowsItsPositionsAndLags() {
        // cluster LSN of the healthy capture: 67108864 = 0/4000000
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1"))
                .member(replica41("node3", 67108864, 67108000)).view();
        assertEquals("{\"name\": \"node3\", \"role\": \"replica\", \"state\": \"streaming\", "
                + "\"api_url\": \"http://127.0.0.1:18023/patroni\", \"host\": \"127.0.0.1\", \"port\": 15453, "
                + "\"timeline\": 1, \"pending_restart\": true, \"pending_restart_reason\": {\"max_connections\": "
                + "{\"old_value\": \"100\", \"new_value\": \"120\"}}, \"tags\": {\"failover_priority\": 2, \"dc\": \"west\"}, "
                + "\"receive_lag\": 0, \"receive_lsn\": \"0/4000000\", \"replay_lag\": 864, \"replay_lsn\": \"0/3FFFCA0\", "
                + "\"lag\": 0, \"lsn\": \"0/4000000\"}", io.pgha.text.PyJson.dumps(member(body(view), "node3")));
    }

    @Test
    void memberWithoutPositionsIsUnknownAndTheLeaderHasNone() {
        Map<String, Object> body = body(CapturedNodes.view("healthy", "node1"));
        Map<String, Object> node2 = member(body, "node2");
        assertEquals("unknown", node2.get("receive_lsn"));
        assertEquals("unknown", node2.get("receive_lag"));
        assertEquals(List.of("receive_lsn", "receive_lag", "replay_lsn", "replay_lag", "lag", "lsn"),
                List.copyOf(node2.keySet()).subList(7, 13), "3.0.2 member keys have only xlog_location");
        assertEquals(0L, node2.get("lag"));
        assertEquals("0/4000000", node2.get("lsn"));
        assertFalse(member(body, "node1").containsKey("lag"));
        assertEquals("leader", member(body, "node1").get("role"));
    }

    @Test
    void memberAheadOfTheClusterLsnHasNoLag() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1"))
                .member(replica41("node3", 67108964, 67108964)).view();
        assertEquals(0L, member(body(view), "node3").get("replay_lag"));
    }

    @Test
    void syncRolesFollowTheModeAndTheSyncKey() {
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node1")).sync("node1", "node2");
        assertEquals("replica", member(body(node.view()), "node2").get("role"), "synchronous_mode off");
        assertEquals("sync_standby", member(body(node.config("synchronous_mode", true).view()), "node2").get("role"));
        assertEquals("quorum_standby",
                member(body(node.config("synchronous_mode", "quorum").view()), "node2").get("role"));
        assertEquals("leader", member(body(node.view()), "node1").get("role"));
    }

    @Test
    void standbyClusterLeaderIsStandbyLeader() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1"))
                .config("standby_cluster", Map.of("restore_command", "cp /archive/%f %p"))
                .config("synchronous_mode", true).sync("node1", "node2").view();
        Map<String, Object> body = body(view);
        assertEquals("standby_leader", member(body, "node1").get("role"));
        assertEquals("replica", member(body, "node2").get("role"), "a standby cluster ignores synchronous_mode");
    }

    @Test
    void pauseAndScheduledSwitchoverComeBeforeScope() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1")).config("pause", true)
                .failover(new Failover("node1", "node2", "2026-11-26T01:00:00+00:00", 5)).view();
        Map<String, Object> body = body(view);
        assertEquals(List.of("members", "pause", "scheduled_switchover", "scope"), List.copyOf(body.keySet()));
        assertEquals("{\"at\": \"2026-11-26T01:00:00+00:00\", \"from\": \"node1\", \"to\": \"node2\"}",
                io.pgha.text.PyJson.dumps(body.get("scheduled_switchover")));
    }

    @Test
    void switchoverWithoutScheduleIsNotShown() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1"))
                .failover(new Failover("node1", "node2", null, 5)).view();
        assertFalse(body(view).containsKey("scheduled_switchover"));
    }

    @Test
    void memberWithoutConnectionUrlHasNoHostOrPort() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node1")).member(Member.placeholder("node9", 1, 1))
                .view();
        Map<String, Object> node9 = member(body(view), "node9");
        assertFalse(node9.containsKey("host"));
        assertEquals("", node9.get("state"));
        assertEquals(null, node9.get("api_url"));
    }
}
