package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /switchover, POST /failover and DELETE /switchover answer as Patroni 4.1.4 (rest-api.md §6.7, §6.8). */
class SwitchoverEndpointsTest {
    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    private static final String CONFIG = "{\"ttl\":30,\"loop_wait\":10,\"retry_timeout\":10}";

    private InMemoryKeyspace keyspace = InMemoryKeyspace.threeNodes(CONFIG);

    static ApiRequest request(String method, String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = json == null ? Map.of() : Map.of("Content-Length", Integer.toString(body.length));
        return new ApiRequest(method, path, Map.of(), headers, null, body);
    }

    private ApiResponse send(String method, String path, String json) {
        Router router = new SwitchoverEndpoints(keyspace, Duration.ofMillis(1))
                .register(Router.readEndpoints(AccessControl.OPEN));
        NodeView view = new NodeView(CapturedNodes.view("healthy", "node1").node(), NOW);
        return router.route(request(method, path, json), view);
    }

    private void assertMessage(int status, String text, ApiResponse response) {
        assertEquals(text, response.bodyText());
        assertEquals(status, response.status());
        assertEquals(ApiResponse.HTML, response.contentType());
    }

    @Test
    void bodiesThatAreNotANonEmptyJsonObjectGetTheFrameworkPage() {
        assertEquals(411, send("POST", "/switchover", null).status());
        for (String bad : new String[] {"", "{}", "[]", "\"node2\"", "null", "{\"leader\": ", "{\"leader\":\"node1\"} x",
                "{leader: node1}"}) {
            ApiResponse response = send("POST", "/switchover", bad);
            assertEquals(400, response.status(), bad);
            assertEquals(ErrorPage.CONTENT_TYPE, response.contentType());
            assertTrue(response.bodyText().contains("<p>Message: Bad Request.</p>"), response.bodyText());
        }
        ApiRequest latin1 = new ApiRequest("POST", "/failover", Map.of(), Map.of("content-length", "20"), null,
                "{\"candidate\":\"n\u00f6de2\"}".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, new SwitchoverEndpoints(keyspace).post("failover", latin1, NOW).status(),
                "bodies are UTF-8 only");
        assertNull(keyspace.value("failover"), "nothing written");
    }

    @Test
    void aFailoverNeedsACandidateAndASwitchoverALeader() {
        assertMessage(400, "Failover could be performed only to a specific candidate",
                send("POST", "/failover", "{\"leader\":\"node1\"}"));
        assertMessage(400, "Failover could be performed only to a specific candidate",
                send("POST", "/failover", "{\"candidate\":\"\"}"));
        assertMessage(400, "Switchover could be performed only from a specific leader",
                send("POST", "/switchover", "{\"candidate\":\"node2\"}"));
        assertMessage(400, "Switchover could be performed only from a specific leader",
                send("POST", "/switchover", "{\"leader\":null,\"candidate\":\"node2\",\"scheduled_at\":null}"));
    }

    @Test
    void aScheduleMustBeATimezoneAwareTimeInTheFutureAndOnlyForASwitchover() {
        assertMessage(400, "Failover can't be scheduled",
                send("POST", "/failover", "{\"candidate\":\"node2\",\"scheduled_at\":\"2030-01-01T00:00:00+00:00\"}"));
        assertMessage(400, "Timezone information is mandatory for the scheduled switchover",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"scheduled_at\":\"2030-01-01T10:00\"}"));
        assertMessage(422, "Cannot schedule switchover in the past",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"scheduled_at\":\"2026-11-26T02:59:59Z\"}"));
        for (String garbage : new String[] {"\"tomorrow\"", "\"2030-13-01T10:00Z\"", "12345", "true", "[1]"}) {
            assertMessage(422, "Unable to parse scheduled timestamp. It should be in an unambiguous format, e.g. ISO 8601",
                    send("POST", "/switchover", "{\"leader\":\"node1\",\"scheduled_at\":" + garbage + "}"));
        }
        assertNull(keyspace.value("failover"));
    }

    @Test
    void aScheduledSwitchoverIsWrittenInPatronisFormAndAnsweredAtOnce() {
        ApiResponse response = send("POST", "/switchover",
                "{\"leader\":\"node1\",\"candidate\":\"node2\",\"scheduled_at\":\"2030-01-01 10:00:00.5+01:00\"}");
        assertMessage(202, "Switchover scheduled", response);
        assertEquals("{\"leader\":\"node1\",\"member\":\"node2\",\"scheduled_at\":\"2030-01-01T10:00:00.500000+01:00\"}",
                keyspace.value("failover"));
        assertEquals(1, keyspace.wakeUps);

        send("POST", "/switchover", "{\"leader\":\"node1\",\"scheduled_at\":\"2030-01-01T09:00:00Z\"}");
        assertEquals("{\"leader\":\"node1\",\"scheduled_at\":\"2030-01-01T09:00:00+00:00\"}", keyspace.value("failover"),
                "no candidate: the old leader picks one when the time comes");
    }

    @Test
    void pausedClustersTakeOnlyImmediateRequestsNamingACandidate() {
        keyspace.set("config", "{\"ttl\":30,\"pause\":true}");
        assertMessage(400, "Can't schedule switchover in the paused state", send("POST", "/switchover",
                "{\"leader\":\"node1\",\"candidate\":\"node2\",\"scheduled_at\":\"2030-01-01T00:00:00+00:00\"}"));
        assertMessage(400, "Switchover is possible only to a specific candidate in a paused state",
                send("POST", "/switchover", "{\"leader\":\"node1\"}"));
        assertNull(keyspace.value("failover"));
    }

    @Test
    void theSourceAndTargetMustDiffer() {
        assertMessage(400, "Switchover target and source are the same",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node1\"}"));
        assertMessage(400, "Switchover target and source are the same",
                send("POST", "/failover", "{\"leader\":\"node2\",\"member\":\"node2\"}"));
    }

    @Test
    void infeasibleRequestsAre412WithPatronisReason() {
        assertMessage(412, "leader name does not match",
                send("POST", "/switchover", "{\"leader\":\"node2\",\"candidate\":\"node3\"}"));
        assertMessage(412, "candidate does not exists",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node9\"}"));
        assertMessage(412, "candidate does not exists", send("POST", "/failover", "{\"candidate\":\"node9\"}"));

        keyspace.tag("node3", Map.of("nofailover", true));
        assertMessage(412, "switchover is not possible: no good candidates have been found",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node3\"}"));
        assertMessage(412, "failover is not possible: no good candidates have been found",
                send("POST", "/failover", "{\"candidate\":\"node3\"}"));
        keyspace.unhealthy("node2");
        assertMessage(412, "switchover is not possible: no good candidates have been found",
                send("POST", "/switchover", "{\"leader\":\"node1\"}"));

        keyspace.delete("members/node2");
        keyspace.delete("members/node3");
        assertMessage(412, "switchover is not possible: cluster does not have members except leader",
                send("POST", "/switchover", "{\"leader\":\"node1\"}"));
        assertNull(keyspace.value("failover"), "nothing written");
    }

    @Test
    void synchronousModeLimitsTheCandidatesToTheSyncStandby() {
        keyspace.set("config", "{\"synchronous_mode\":true}");
        assertMessage(412, "switchover is not possible: can not find sync_standby",
                send("POST", "/switchover", "{\"leader\":\"node1\"}"));
        keyspace.set("sync", "{\"leader\":\"node1\",\"sync_standby\":\"node3\"}");
        assertMessage(412, "candidate name does not match with sync_standby",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node2\"}"));
        keyspace.set("leader", "node2");
        keyspace.onRead = k -> k.set("leader", "node3");
        assertMessage(200, "Successfully switched over to \"node3\"",
                send("POST", "/switchover", "{\"leader\":\"node2\"}"));
    }

    @Test
    void anImmediateSwitchoverWaitsForTheNewLeader() {
        keyspace.onRead = k -> {
            if (k.reads == 4) {
                k.set("leader", "node2");
                k.set("failover", "{}");
            }
        };
        assertMessage(200, "Successfully switched over to \"node2\"",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node2\"}"));
        assertEquals(1, keyspace.wakeUps);
    }

    @Test
    void theWrittenKeyNamesWhatTheRequestNamed() {
        keyspace.onRead = k -> assertEquals("{\"leader\":\"node1\",\"member\":\"node3\"}", k.value("failover"));
        keyspace.onRead = keyspace.onRead.andThen(k -> k.set("leader", "node3"));
        send("POST", "/failover", "{\"leader\":\"node1\",\"member\":\"node3\"}");

        keyspace = InMemoryKeyspace.threeNodes(CONFIG);
        keyspace.delete("leader");
        keyspace.onRead = k -> {
            assertEquals("{\"member\":\"node2\"}", k.value("failover"));
            k.set("leader", "node2");
        };
        assertMessage(200, "Successfully failed over to \"node2\"", send("POST", "/failover", "{\"candidate\":\"node2\"}"));
    }

    @Test
    void anotherWinnerAClearedKeyOrNoNewsAreReportedAsPatroniDoes() {
        keyspace.onRead = k -> k.set("leader", "node3");
        assertMessage(200, "Switched over to \"node3\" instead of \"node2\"",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node2\"}"));

        keyspace = InMemoryKeyspace.threeNodes(CONFIG);
        keyspace.onRead = k -> k.set("leader", "node3");
        assertMessage(200, "Failed over to \"node3\" instead of \"node2\"",
                send("POST", "/failover", "{\"candidate\":\"node2\"}"));

        keyspace = InMemoryKeyspace.threeNodes(CONFIG);
        keyspace.onRead = k -> k.set("failover", "{}");
        assertMessage(503, "Switchover failed", send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node2\"}"));

        keyspace = InMemoryKeyspace.threeNodes(CONFIG);
        assertMessage(503, "Failover status unknown", send("POST", "/failover", "{\"candidate\":\"node2\"}"));
        assertEquals(1 + 20, keyspace.reads, "2 x max(10, loop_wait) looks after the first read");

        keyspace = InMemoryKeyspace.threeNodes("{\"loop_wait\":15,\"ttl\":60}");
        assertMessage(503, "Switchover status unknown", send("POST", "/switchover", "{\"leader\":\"node1\"}"));
        assertEquals(1 + 30, keyspace.reads);
    }

    @Test
    void aFailedWriteIs503() {
        keyspace.failWrites = true;
        assertMessage(503, "failed to write failover key into DCS",
                send("POST", "/switchover", "{\"leader\":\"node1\",\"candidate\":\"node2\"}"));
        assertEquals(0, keyspace.wakeUps);
    }

    @Test
    void deleteCancelsOnlyAScheduledSwitchover() {
        assertMessage(404, "no switchover is scheduled", send("DELETE", "/switchover", null));
        keyspace.set("failover", "{\"leader\":\"node1\",\"member\":\"node2\"}");
        assertMessage(404, "no switchover is scheduled", send("DELETE", "/switchover", null));
        keyspace.set("failover", "{\"scheduled_at\":\"2030-01-01T00:00:00+00:00\"}");
        assertMessage(404, "no switchover is scheduled", send("DELETE", "/switchover", null));

        keyspace.set("failover", "{\"leader\":\"node1\",\"scheduled_at\":\"2030-01-01T00:00:00+00:00\"}");
        assertMessage(200, "scheduled switchover deleted", send("DELETE", "/switchover", null));
        assertEquals("{}", keyspace.value("failover"));

        keyspace.set("failover", "{\"leader\":\"node1\",\"scheduled_at\":\"2030-01-01T00:00:00+00:00\"}");
        keyspace.beforeCas = k -> k.set("failover", "{\"leader\":\"node1\",\"scheduled_at\":\"2030-01-02T00:00:00+00:00\"}");
        ApiResponse conflict = send("DELETE", "/switchover", null);
        assertEquals(409, conflict.status());
        assertEquals(ErrorPage.CONTENT_TYPE, conflict.contentType());
        assertEquals("{\"leader\":\"node1\",\"scheduled_at\":\"2030-01-02T00:00:00+00:00\"}", keyspace.value("failover"),
                "the concurrent reschedule stays");
    }
}
