package io.pgha.api;

/** {@code GET /patroni}: the status document, always 200 (what peers and patronictl read from api_url). */
final class StatusEndpoint implements Endpoint {

    @Override
    public ApiResponse handle(ApiRequest request, NodeView view) {
        return ApiResponse.json(200, StatusDocument.of(view).body());
    }
}
