package io.pgha.api;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code POST /reinitialize} (rest-api.md §6.6): starts re-creating this replica in the background. */
final class ReinitializeEndpoint implements Endpoint {
    private final MaintenanceControl control;

    ReinitializeEndpoint(MaintenanceControl control) {
        this.control = control;
    }

    @Override
    public ApiResponse handle(ApiRequest request, NodeView view) {
        Optional<Map<String, Object>> body = OptionalJsonBody.read(request);
        if (body.isEmpty()) {
            // Patroni sends its 400 and then goes on to reinitialize; pgha stops at the 400
            return OptionalJsonBody.badRequest();
        }
        boolean force = parseBool(body.get().get("force"));
        boolean fromLeader = parseBool(body.get().get("from_leader"));
        Optional<String> refusal = control.reinitialize(force, fromLeader);
        return refusal.map(message -> ApiResponse.message(503, message))
                .orElseGet(() -> ApiResponse.message(200, "reinitialize started"));
    }

    /** Patroni's {@code parse_bool(...) or False}: on, true, yes and 1 in any case. */
    static boolean parseBool(Object value) {
        if (value == null) {
            return false;
        }
        String text = value instanceof Boolean b ? (b ? "true" : "false") : String.valueOf(value);
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> true;
            default -> false;
        };
    }
}
