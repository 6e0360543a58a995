package io.pgha.api;

/** {@code GET /metrics}: Prometheus text, {@code text/plain}. */
final class MetricsEndpoint implements Endpoint {

    @Override
    public ApiResponse handle(ApiRequest request, NodeView view) {
        return ApiResponse.plain(200, Metrics.of(StatusDocument.of(view), view));
    }
}
