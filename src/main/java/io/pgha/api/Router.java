package io.pgha.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the endpoint as Patroni does (rest-api.md §1): by method and first path segment, so
 * {@code GET /patroni/x} is {@code /patroni}. Any other GET, HEAD or OPTIONS is a health check on the
 * full path; any other method is 501 with the page patronictl recognises. Unsafe endpoints (the
 * write endpoints) pass the {@link AccessControl} first.
 */
final class Router {
    private final Map<String, Route> routes = new HashMap<>();
    private final Endpoint healthCheck;
    private final AccessControl access;

    Router(Endpoint healthCheck, AccessControl access) {
        this.healthCheck = healthCheck;
        this.access = access;
    }

    /** The read endpoints of rest-api.md §3–§5. */
    static Router readEndpoints(AccessControl access) {
        return new Router(new HealthEndpoint(), access)
                .get("patroni", new StatusEndpoint())
                .get("cluster", DcsEndpoints::cluster)
                .get("history", DcsEndpoints::history)
                .get("config", DcsEndpoints::config)
                .get("failsafe", DcsEndpoints::failsafe)
                .get("metrics", new MetricsEndpoint())
                .get("liveness", ProbeEndpoints::liveness)
                .get("readiness", ProbeEndpoints::readiness);
    }

    /** The maintenance endpoints of rest-api.md §6.3–§6.6 over the agent's {@code control}. */
    Router maintenance(MaintenanceControl control) {
        RestartEndpoints restart = new RestartEndpoints(control);
        return unsafe("POST", "restart", restart::post)
                .unsafe("DELETE", "restart", restart::delete)
                .unsafe("POST", "reinitialize", new ReinitializeEndpoint(control))
                .unsafe("POST", "reload", new ReloadEndpoint(control));
    }

    Router get(String segment, Endpoint endpoint) {
        routes.put(key("GET", segment), new Route(endpoint, false));
        return this;
    }

    /** An endpoint that changes something: it runs only when the access control lets the request through. */
    Router unsafe(String method, String segment, Endpoint endpoint) {
        routes.put(key(method, segment), new Route(endpoint, true));
        return this;
    }

    /** Whether the request goes to an endpoint that reads a body (so the server reads one first). */
    boolean readsBody(String method, String segment) {
        Route route = routes.get(key(method, segment));
        return route != null && route.unsafe();
    }

    ApiResponse route(ApiRequest request, NodeView view) {
        Route route = routes.get(key(request.method(), request.firstSegment()));
        if (route != null) {
            if (route.unsafe()) {
                Optional<ApiResponse> refusal = access.check(request, view);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
            }
            return route.endpoint().handle(request, view);
        }
        return switch (request.method()) {
            case "GET", "HEAD", "OPTIONS" -> healthCheck.handle(request, view);
            default -> ApiResponse.error(501, "Unsupported method ('" + request.method() + "')");
        };
    }

    private static String key(String method, String segment) {
        return method + " " + segment;
    }

    private record Route(Endpoint endpoint, boolean unsafe) {
    }
}
