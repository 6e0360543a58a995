package io.pgha.api;

/** One endpoint of the REST API: answers a request from the node's current snapshot. */
@FunctionalInterface
interface Endpoint {
    ApiResponse handle(ApiRequest request, NodeView view);
}
