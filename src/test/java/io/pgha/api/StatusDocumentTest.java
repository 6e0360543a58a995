package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.ha.PostgresState;
import io.pgha.postgres.PendingChange;
import io.pgha.postgres.PostmasterState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status document's rules beyond what the captured healthy clusters show (rest-api.md §4). */
class StatusDocumentTest {

    @Test
    void startingNodeWithoutPostgresIsTheReducedDocumentPatroniShows() {
        NodeView view = NodeStates.of(NodeStates.stopped("uninitialized"))
                .dcsLastSeen(Instant.ofEpochSecond(1795643527)).view();
        // observed on 3.0.2, plus patroni.name (3.2.0)
        assertEquals("{\"state\": \"stopped\", \"role\": \"uninitialized\", \"cluster_unlocked\": true, "
                + "\"dcs_last_seen\": 1795643527, \"patroni\": {\"version\": \"3.0.2\", \"scope\": \"demo\", \"name\": \"node2\"}}",
                io.pgha.text.PyJson.dumps(StatusDocument.of(view).body()));
    }

    @Test
    void runningPostgresThatCannotBeQueriedIsUnknown() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node2"))
                .postgres(NodeStates.notRunning(PostmasterState.UNKNOWN)).postgresState(null).view();
        StatusDocument doc = StatusDocument.of(view);
        assertEquals("unknown", doc.state());
        assertEquals("replica", doc.role(), "the agent's role");
        assertNull(doc.get("xlog"));
    }

    @Test
    void reinitialisingNodeSaysCreatingReplicaWhichPatronictlReinitWaitPollsFor() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node2"))
                .postgres(NodeStates.notRunning(PostmasterState.STOPPED)).postgresState(PostgresState.CREATING_REPLICA)
                .view();
        assertEquals("creating replica", StatusDocument.of(view).state());
    }

    @Test
    void startingPostgresThatAnswersGetsTheFullDocument() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node2")).postgresState(PostgresState.STARTING).view();
        StatusDocument doc = StatusDocument.of(view);
        assertEquals("starting", doc.state());
        assertEquals(67108864L, doc.xlog("replayed_location"));
        assertFalse(doc.isRunning());
    }

    @Test
    void optionalFieldsComeInPatronisOrder() {
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node1"));
        Map<String, Object> restart = new LinkedHashMap<>();
        restart.put("schedule", "2026-11-26T00:56:00+00:00");
        restart.put("postgres_version", "16.1");
        restart.put("postmaster_start_time", "2026-11-25 21:54:56.249266+00:00");
        NodeView view = node.postgres(NodeStates.pendingRestart(node.postgres(),
                        Map.of("shared_buffers", new PendingChange("128MB", "64MB"),
                                "max_connections", new PendingChange("100", "120"))))
                .tags(Map.of("dc", "west")).config("pause", true).failsafeActive(true).watchdogFailed(true)
                .scheduledRestart(restart).view();
        Map<String, Object> body = StatusDocument.of(view).body();
        assertEquals(List.of("state", "postmaster_start_time", "role", "server_version", "xlog", "timeline",
                "replication", "pause", "failsafe_mode_is_active", "dcs_last_seen", "tags", "database_system_identifier",
                "pending_restart", "pending_restart_reason", "patroni", "scheduled_restart", "watchdog_failed"),
                List.copyOf(body.keySet()));
        assertEquals("{\"max_connections\": {\"old_value\": \"100\", \"new_value\": \"120\"}, "
                + "\"shared_buffers\": {\"old_value\": \"128MB\", \"new_value\": \"64MB\"}}",
                io.pgha.text.PyJson.dumps(body.get("pending_restart_reason")));
        assertEquals("{\"schedule\": \"2026-11-26T00:56:00+00:00\", \"postgres_version\": \"16.1\"}",
                io.pgha.text.PyJson.dumps(body.get("scheduled_restart")), "without postmaster_start_time");
    }

    @Test
    void replicaNamedInSyncIsSyncStandbyWhileSynchronousModeIsOn() {
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node2")).sync("node1", "node2");
        assertFalse(StatusDocument.of(node.view()).flag("sync_standby"), "synchronous_mode is off");
        StatusDocument doc = StatusDocument.of(node.config("synchronous_mode", true).view());
        assertTrue(doc.flag("sync_standby"));
        assertEquals(List.of("state", "postmaster_start_time", "role", "server_version", "xlog", "sync_standby",
                "timeline", "replication_state"), List.copyOf(doc.body().keySet()).subList(0, 8));
        StatusDocument quorum = StatusDocument.of(node.config("synchronous_mode", "quorum").view());
        assertTrue(quorum.flag("quorum_standby"));
        assertFalse(quorum.flag("sync_standby"));
    }

    @Test
    void staleDcsViewUnlocksAndForgetsSyncDuty() {
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node2")).sync("node1", "node2")
                .config("synchronous_mode", true);
        NodeView stale = node.now(node.build().dcsLastSeen().plusSeconds(30)).view();
        StatusDocument doc = StatusDocument.of(stale);
        assertTrue(doc.flag("cluster_unlocked"), "no view read within ttl");
        assertFalse(doc.flag("sync_standby"));
    }

    @Test
    void standbyClusterReplicaShowsTheAgentsRole() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node2"))
                .config("standby_cluster", Map.of("host", "10.0.0.1", "port", 5432)).role("standby_leader").view();
        assertEquals("standby_leader", StatusDocument.of(view).role());
    }

    @Test
    void timestampsWithoutMicrosecondsLoseTheFractionAsInPython() {
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node2"));
        NodeView view = node.postgres(NodeStates.replayedAt(node.postgres(), Instant.parse("2026-11-25T22:28:01Z"))).view();
        @SuppressWarnings("unchecked")
        Map<String, Object> xlog = (Map<String, Object>) StatusDocument.of(view).get("xlog");
        assertEquals("2026-11-25 22:28:01+00:00", xlog.get("replayed_timestamp"));
    }

    @Test
    void receivedLocationFallsBackToReplayed() {
        NodeStates node = NodeStates.of(CapturedNodes.view("healthy", "node2"));
        NodeView view = node.postgres(NodeStates.positions(node.postgres(), null, 5000L)).view();
        StatusDocument doc = StatusDocument.of(view);
        assertEquals(5000L, doc.xlog("received_location"));
        assertEquals(5000L, doc.xlog("replayed_location"));
    }
}
