package io.pgha.api;

import java.util.Optional;

/**
 * The checks Patroni applies to unsafe (non-GET) endpoints before they run (rest-api.md §2: allow
 * list, client certificate, basic auth): the refusal to send, or empty to let the request through.
 * GET, HEAD and OPTIONS never pass through it.
 */
@FunctionalInterface
interface AccessControl {
    AccessControl OPEN = (request, view) -> Optional.empty();

    Optional<ApiResponse> check(ApiRequest request, NodeView view);
}
