package io.pgha.api;

/**
 * Health checks (rest-api.md §3): the status document with the check's status code, or only the
 * status line for HEAD and OPTIONS, which load balancers send and read nothing else of.
 */
final class HealthEndpoint implements Endpoint {

    @Override
    public ApiResponse handle(ApiRequest request, NodeView view) {
        StatusDocument doc = StatusDocument.of(view);
        int status = HealthCheck.statusCode(request, doc, view);
        if ("HEAD".equals(request.method()) || "OPTIONS".equals(request.method())) {
            return ApiResponse.statusOnly(status);
        }
        return ApiResponse.json(status, doc.body());
    }
}
