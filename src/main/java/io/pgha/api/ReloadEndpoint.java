package io.pgha.api;

/** {@code POST /reload} (rest-api.md §6.3): a reload as on SIGHUP, done by the next HA cycle. */
final class ReloadEndpoint implements Endpoint {
    private final MaintenanceControl control;

    ReloadEndpoint(MaintenanceControl control) {
        this.control = control;
    }

    @Override
    public ApiResponse handle(ApiRequest request, NodeView view) {
        control.reload();
        return ApiResponse.message(202, "reload scheduled");
    }
}
