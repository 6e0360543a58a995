package io.pgha.api;

/**
 * {@code POST /failsafe} (ha-loop.md §7.2, Patroni 3.0.2's answers): 502 error page when failsafe mode
 * is off; the usual 411/400 for a missing or empty body; 500 {@code Running as a leader} when this node
 * runs as primary; otherwise the sender is remembered as failsafe leader and the answer is
 * 200 {@code Accepted}, which is what the primary counts.
 */
final class FailsafeEndpoint implements Endpoint {
    private static final System.Logger LOG = System.getLogger(FailsafeEndpoint.class.getName());

    private final FailsafeControl control;

    FailsafeEndpoint(FailsafeControl control) {
        this.control = control;
    }

    @Override
    public ApiResponse handle(ApiRequest request, NodeView view) {
        if (!view.settings().failsafeMode()) {
            return ApiResponse.error(502);
        }
        JsonRequestBody body = JsonRequestBody.read(request, false);
        if (body.refused()) {
            return body.refusal();
        }
        NodeState node = view.node();
        boolean runningPrimary = ("primary".equals(node.role()) || "master".equals(node.role()))
                && node.postgresState() == io.pgha.ha.PostgresState.RUNNING;
        if (runningPrimary) {
            return ApiResponse.message(500, "Running as a leader");
        }
        Object name = body.fields().get("name");
        if (!(name instanceof String leader) || leader.isEmpty()) {
            // Patroni fails on the missing key without a useful answer; a 400 tells the sender what is wrong
            return ApiResponse.error(400, "failsafe request without a name");
        }
        control.acceptLeader(leader, text(body.fields().get("conn_url")), text(body.fields().get("api_url")));
        LOG.log(System.Logger.Level.DEBUG, () -> "accepted failsafe leader " + leader);
        return ApiResponse.message(200, "Accepted");
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
