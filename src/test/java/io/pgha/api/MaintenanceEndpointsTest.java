package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.ha.RestartFilters;
import io.pgha.ha.ScheduledRestart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST/DELETE /restart, POST /reinitialize, POST /reload: Patroni's codes and texts (rest-api.md §6.3–§6.6). */
class MaintenanceEndpointsTest {
    private static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

    /** Records what the endpoints asked; answers as configured. */
    private static final class Recorder implements MaintenanceControl {
        final List<String> calls = new ArrayList<>();
        RestartFilters filters;
        Duration timeout;
        ScheduledRestart scheduled;
        RestartAnswer answer = new RestartAnswer(true, "restarted successfully");
        boolean scheduleAccepted = true;
        boolean hadScheduled = true;
        Optional<String> reinitRefusal = Optional.empty();
        boolean force;
        boolean fromLeader;

        @Override
        public RestartAnswer restart(RestartFilters f, Duration t) {
            calls.add("restart");
            filters = f;
            timeout = t;
            if (answer == null) {
                throw new IllegalStateException("boom");
            }
            return answer;
        }

        @Override
        public boolean scheduleRestart(ScheduledRestart restart) {
            calls.add("schedule");
            scheduled = restart;
            return scheduleAccepted;
        }

        @Override
        public boolean cancelScheduledRestart() {
            calls.add("cancel");
            return hadScheduled;
        }

        @Override
        public Optional<String> reinitialize(boolean f, boolean l) {
            calls.add("reinitialize");
            force = f;
            fromLeader = l;
            return reinitRefusal;
        }

        @Override
        public void reload() {
            calls.add("reload");
        }
    }

    private final Recorder control = new Recorder();
    private final Router router = Router.readEndpoints(AccessControl.OPEN).maintenance(control);
    private final NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node2")).now(NOW).view();

    private ApiResponse send(String method, String path, String body) {
        return send(method, path, body, view);
    }

    private ApiResponse send(String method, String path, String body, NodeView on) {
        Map<String, String> headers = body == null ? Map.of()
                : Map.of("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
        ApiRequest request = new ApiRequest(method, path, Map.of(), headers, null,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        return router.route(request, on);
    }

    private void assertAnswer(int status, String text, ApiResponse response) {
        assertEquals(status, response.status(), response.bodyText());
        assertEquals(text, response.bodyText());
        assertEquals(ApiResponse.HTML, response.contentType());
    }

    @Test
    void aRestartWithoutBodyRestartsAndAnswersAfterIt() {
        assertAnswer(200, "restarted successfully", send("POST", "/restart", null));
        assertEquals(RestartFilters.NONE, control.filters);
        assertNull(control.timeout);
        assertAnswer(200, "restarted successfully", send("POST", "/restart", ""));
        assertAnswer(200, "restarted successfully", send("POST", "/restart", "{}"));
    }

    @Test
    void theFiltersReachTheAgent() {
        send("POST", "/restart", "{\"role\": \"replica\", \"postgres_version\": \"15.9\", \"timeout\": \"5min\","
                + " \"restart_pending\": true}");
        assertEquals(new RestartFilters("replica", "15.9", true), control.filters);
        assertEquals(Duration.ofMinutes(5), control.timeout);
        send("POST", "/restart", "{\"role\": \"master\", \"restart_pending\": false}");
        assertEquals(new RestartFilters("primary", null, true), control.filters,
                "3.0.2's master is primary; naming restart_pending at all asks for pending only, as Patroni reads it");
    }

    @Test
    void theAgentsRefusalIs503AndAnExceptionIs400() {
        control.answer = new MaintenanceControl.RestartAnswer(false, "restart conditions are not satisfied");
        assertAnswer(503, "restart conditions are not satisfied", send("POST", "/restart", "{\"restart_pending\": true}"));
        control.answer = null;
        assertAnswer(400, "restart failed", send("POST", "/restart", "{}"));
    }

    @Test
    void badFiltersGetPatronisMessages() {
        assertAnswer(400, RestartRequest.ROLE, send("POST", "/restart", "{\"role\": \"leader\"}"));
        assertAnswer(400, RestartRequest.ROLE, send("POST", "/restart", "{\"role\": 1}"));
        assertAnswer(400, "Invalid PostgreSQL version: abc", send("POST", "/restart", "{\"postgres_version\": \"abc\"}"));
        assertAnswer(400, "Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: 9.6",
                send("POST", "/restart", "{\"postgres_version\": \"9.6\"}"));
        assertAnswer(400, "Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: 9.6",
                send("POST", "/restart", "{\"postgres_version\": 9.6}"));
        assertAnswer(400, "Invalid PostgreSQL version: 1e+16", send("POST", "/restart", "{\"postgres_version\": 1e16}"));
        assertAnswer(400, RestartRequest.TIMEOUT, send("POST", "/restart", "{\"timeout\": 0}"));
        assertAnswer(400, RestartRequest.TIMEOUT, send("POST", "/restart", "{\"timeout\": \"soon\"}"));
        assertAnswer(400, RestartRequest.TIMEOUT, send("POST", "/restart", "{\"timeout\": true}"));
        assertAnswer(400, RestartRequest.TIMEOUT, send("POST", "/restart", "{\"timeout\": \"-3s\"}"));
        assertAnswer(400, "Unknown filter for the scheduled restart: when",
                send("POST", "/restart", "{\"when\": \"now\"}"));
        assertAnswer(400, "Unknown filter for the scheduled restart: when",
                send("POST", "/restart", "{\"when\": \"now\", \"role\": \"nonsense\"}"));
        assertEquals(List.of(), control.calls, "no refused request reaches the agent");
    }

    @Test
    void aBodyThatIsNoJsonObjectGetsTheStock400Page() {
        for (String body : List.of("not json", "[1]", "null", "\"x\"", "{\"role\":")) {
            ApiResponse response = send("POST", "/restart", body);
            assertEquals(400, response.status(), body);
            assertTrue(response.bodyText().contains("Message: Bad Request."), body);
            assertEquals(400, send("POST", "/reinitialize", body).status(), body);
        }
        assertEquals(List.of(), control.calls);
    }

    @Test
    void schedulesAreCheckedAsPatroniChecksThem() {
        assertAnswer(400, RestartSchedule.NO_TIMEZONE,
                send("POST", "/restart", "{\"schedule\": \"2026-11-26T04:00:00\"}"));
        assertAnswer(422, RestartSchedule.IN_THE_PAST,
                send("POST", "/restart", "{\"schedule\": \"2026-11-26T02:00:00+00:00\"}"));
        assertAnswer(422, RestartSchedule.UNPARSEABLE, send("POST", "/restart", "{\"schedule\": \"tomorrow\"}"));
        assertAnswer(422, RestartSchedule.UNPARSEABLE, send("POST", "/restart", "{\"schedule\": 12}"));
        assertAnswer(422, RestartSchedule.UNPARSEABLE,
                send("POST", "/restart", "{\"schedule\": \"2026-13-40T04:00:00Z\"}"));
        assertEquals(List.of(), control.calls);
    }

    @Test
    void aScheduledRestartIsStoredAsTheMemberKeyShowsIt() {
        assertAnswer(202, "Restart scheduled", send("POST", "/restart",
                "{\"schedule\": \"2026-11-26T05:30:00+02:00\", \"timeout\": \"90s\", \"role\": \"replica\"}"));
        assertEquals(Instant.parse("2026-11-26T03:30:00Z"), control.scheduled.at());
        assertEquals(Map.of("schedule", "2026-11-26T05:30:00+02:00", "timeout", 90L, "role", "replica"),
                control.scheduled.published());
        assertEquals(List.of("schedule", "timeout", "role"), List.copyOf(control.scheduled.published().keySet()));
        control.scheduleAccepted = false;
        assertAnswer(409, "Another restart is already scheduled",
                send("POST", "/restart", "{\"schedule\": \"2026-11-26T03:30:00.25Z\"}"));
        assertEquals("2026-11-26T03:30:00.250000+00:00", control.scheduled.published().get("schedule"));
    }

    @Test
    void noRestartIsScheduledWhilePaused() {
        NodeView paused = NodeStates.of(view).config("pause", true).view();
        assertAnswer(500, "Can't schedule restart in the paused state",
                send("POST", "/restart", "{\"schedule\": \"garbage\"}", paused));
        assertFalse(control.calls.contains("schedule"));
    }

    @Test
    void deletingTheScheduledRestart() {
        assertAnswer(200, "scheduled restart deleted", send("DELETE", "/restart", null));
        control.hadScheduled = false;
        assertAnswer(404, "no restarts are scheduled", send("DELETE", "/restart", null));
    }

    @Test
    void reinitializeStartsOrSaysWhyNot() {
        assertAnswer(200, "reinitialize started", send("POST", "/reinitialize", "{\"force\": \"yes\", \"from_leader\": 1}"));
        assertTrue(control.force);
        assertTrue(control.fromLeader);
        assertAnswer(200, "reinitialize started", send("POST", "/reinitialize", null));
        assertFalse(control.force);
        assertFalse(control.fromLeader);
        control.reinitRefusal = Optional.of("I am the leader, can not reinitialize");
        assertAnswer(503, "I am the leader, can not reinitialize", send("POST", "/reinitialize", "{}"));
    }

    @Test
    void reloadIsScheduled() {
        assertAnswer(202, "reload scheduled", send("POST", "/reload", null));
        assertEquals(List.of("reload"), control.calls);
    }

    @Test
    void timeoutsReadAsPatronisParseInt() {
        assertEquals(30L, RestartRequest.seconds(30L));
        assertEquals(2L, RestartRequest.seconds(2.5), "half to even");
        assertEquals(30L, RestartRequest.seconds("30"));
        assertEquals(300L, RestartRequest.seconds("5min"));
        assertEquals(1L, RestartRequest.seconds("1000 ms"));
        assertEquals(7200L, RestartRequest.seconds(" 2h "));
        assertNull(RestartRequest.seconds("5 parsecs"));
    }
}
