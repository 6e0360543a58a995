package io.pgha.api;

import java.util.Map;
import java.util.Optional;

/** {@code POST /restart} and {@code DELETE /restart} (rest-api.md §6.4, §6.5). */
final class RestartEndpoints {
    private static final System.Logger LOG = System.getLogger(RestartEndpoints.class.getName());

    private final MaintenanceControl control;

    RestartEndpoints(MaintenanceControl control) {
        this.control = control;
    }

    ApiResponse post(ApiRequest request, NodeView view) {
        Optional<Map<String, Object>> body = OptionalJsonBody.read(request);
        if (body.isEmpty()) {
            return OptionalJsonBody.badRequest();
        }
        if (view.settings().paused() && body.get().containsKey("schedule")) {
            return ApiResponse.message(500, "Can't schedule restart in the paused state");
        }
        RestartRequest.Parsed parsed = RestartRequest.parse(body.get(), view.now());
        if (parsed.refusal() != null) {
            return ApiResponse.message(parsed.refusal().status(), parsed.refusal().message());
        }
        RestartRequest restart = parsed.request();
        if (restart.schedule() != null) {
            return control.scheduleRestart(restart.toScheduled())
                    ? ApiResponse.message(202, "Restart scheduled")
                    : ApiResponse.message(409, "Another restart is already scheduled");
        }
        try {
            MaintenanceControl.RestartAnswer answer = control.restart(restart.filters(), restart.timeout());
            return ApiResponse.message(answer.done() ? 200 : 503, answer.message());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Exception during restart: " + e.getMessage());
            return ApiResponse.message(400, "restart failed");
        }
    }

    ApiResponse delete(ApiRequest request, NodeView view) {
        return control.cancelScheduledRestart()
                ? ApiResponse.message(200, "scheduled restart deleted")
                : ApiResponse.message(404, "no restarts are scheduled");
    }
}
