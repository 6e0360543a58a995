package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.ha.PostgresState;
import io.pgha.ha.Role;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PendingChange;
import io.pgha.postgres.PostmasterState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The member key as keyspace.md §3.1 shows Patroni 4.1.4 writing it. */
class MemberDocumentTest {
    private static final String CONN = "postgres://127.0.0.1:15453/postgres";
    private static final String API = "http://127.0.0.1:18023/patroni";

    private static LocalPostgresStatus replica(long lsn, Map<String, PendingChange> pending) {
        return new LocalPostgresStatus(PostmasterState.RUNNING, 42L, null, 150018, true, null, lsn, lsn, null, false,
                1, "streaming", null, null, "7712232032420525266", pending, null);
    }

    @Test
    void aStreamingReplicaPublishesPositionsTimelineAndTagsInPatronisOrder() {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("failover_priority", 2);
        tags.put("dc", "west");
        String json = MemberDocument.build(CONN, API, PostgresState.RUNNING, Role.REPLICA, tags,
                replica(67108960, Map.of()), true, false);
        assertEquals("{\"conn_url\":\"" + CONN + "\",\"api_url\":\"" + API + "\",\"state\":\"running\",\"role\":\"replica\","
                + "\"version\":\"4.1.4\",\"pgha_version\":\"" + io.pgha.Version.PGHA + "\","
                + "\"tags\":{\"failover_priority\":2,\"dc\":\"west\"},\"xlog_location\":67108960,\"replay_lsn\":67108960,"
                + "\"receive_lsn\":67108960,\"replication_state\":\"streaming\",\"timeline\":1}", json);
    }

    @Test
    void aStoppedMemberOmitsPositions() {
        String json = MemberDocument.build(CONN, API, PostgresState.STOPPED, Role.UNINITIALIZED, Map.of(),
                replica(1, Map.of()), false, false);
        assertEquals("{\"conn_url\":\"" + CONN + "\",\"api_url\":\"" + API + "\",\"state\":\"stopped\","
                + "\"role\":\"uninitialized\",\"version\":\"4.1.4\",\"pgha_version\":\"" + io.pgha.Version.PGHA + "\"}", json);
    }

    @Test
    void pendingRestartAndPauseAreAnnounced() {
        String json = MemberDocument.build(CONN, API, PostgresState.RUNNING, Role.REPLICA, Map.of(),
                replica(5, Map.of("max_connections", new PendingChange("100", "120"))), true, true);
        assertEquals(true, json.contains("\"pending_restart\":true,\"pending_restart_reason\":{\"max_connections\":"
                + "{\"old_value\":\"100\",\"new_value\":\"120\"}}"), json);
        assertEquals(true, json.endsWith("\"timeline\":1,\"pause\":true}"), json);
    }

    @Test
    void aScheduledRestartIsPublishedForPatronictlList() {
        Map<String, Object> restart = new LinkedHashMap<>();
        restart.put("schedule", "2026-11-26T05:30:00+02:00");
        restart.put("role", "replica");
        restart.put("postmaster_start_time", "2026-11-26 03:00:01.123456+00:00");
        String json = MemberDocument.build(CONN, API, PostgresState.RUNNING, Role.REPLICA, Map.of(),
                replica(5, Map.of()), false, false, restart);
        assertEquals(true, json.endsWith(",\"scheduled_restart\":{\"schedule\":\"2026-11-26T05:30:00+02:00\","
                + "\"role\":\"replica\",\"postmaster_start_time\":\"2026-11-26 03:00:01.123456+00:00\"}}"), json);
    }

    @Test
    void falseBuiltInTagsAreDroppedUnlessTheirPriorityIsSet() {
        Map<String, Object> tags = new LinkedHashMap<>();
        tags.put("nofailover", false);
        tags.put("nosync", false);
        tags.put("clonefrom", false);
        tags.put("noloadbalance", true);
        tags.put("failover_priority", 0);
        tags.put("replicatefrom", "node2");
        assertEquals(Map.of("nofailover", false, "noloadbalance", true, "failover_priority", 0, "replicatefrom", "node2"),
                MemberDocument.publishedTags(tags));
    }
}
