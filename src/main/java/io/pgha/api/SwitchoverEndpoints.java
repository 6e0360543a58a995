package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DcsException;
import io.pgha.dcs.Failover;
import io.pgha.dcs.KeyspaceWriter;
import io.pgha.ha.Timings;
import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /switchover}, {@code POST /failover} and {@code DELETE /switchover} (rest-api.md §6.7, §6.8):
 * check the request ({@link SwitchoverRules}), write the {@code /failover} key the HA loops act on, and for
 * an immediate action wait, as Patroni does, until the leader changed or the key was cleared.
 */
final class SwitchoverEndpoints {
    private static final System.Logger LOG = System.getLogger(SwitchoverEndpoints.class.getName());
    private static final int MIN_POLL_SECONDS = 10;

    private final ClusterAccess dcs;
    private final Duration tick;

    SwitchoverEndpoints(ClusterAccess dcs) {
        this(dcs, Duration.ofSeconds(1));
    }

    /** {@code tick}: the pause between two looks at the cluster while waiting for the outcome (1 s in Patroni). */
    SwitchoverEndpoints(ClusterAccess dcs, Duration tick) {
        this.dcs = dcs;
        this.tick = tick;
    }

    Router register(Router router) {
        return router.unsafe("POST", "switchover", (request, view) -> post(SwitchoverRules.SWITCHOVER, request, view.now()))
                .unsafe("POST", "failover", (request, view) -> post(SwitchoverRules.FAILOVER, request, view.now()))
                .unsafe("DELETE", "switchover", (request, view) -> delete());
    }

    ApiResponse post(String endpoint, ApiRequest request, java.time.Instant now) {
        JsonRequestBody body = JsonRequestBody.read(request, false);
        if (body.refused()) {
            return body.refusal();
        }
        Cluster cluster;
        try {
            cluster = dcs.cluster();
        } catch (DcsException e) {
            return ApiResponse.error(503, "cannot read the cluster from the DCS");
        }
        Map<String, Object> fields = body.fields();
        LOG.log(System.Logger.Level.INFO, oneLine("received " + endpoint + " request with leader=" + fields.get("leader")
                + " candidate=" + (fields.get("candidate") != null ? fields.get("candidate") : fields.get("member"))
                + " scheduled_at=" + fields.get("scheduled_at")));
        SwitchoverRules.Verdict verdict = SwitchoverRules.check(endpoint, body.fields(), cluster,
                now, dcs::statuses);
        if (!verdict.isAccepted()) {
            return ApiResponse.message(verdict.status(), verdict.message());
        }
        SwitchoverRules.Request accepted = verdict.accepted();
        String scheduledAt = accepted.scheduled() == null ? null : accepted.scheduled().isoformat();
        boolean written;
        try {
            written = dcs.putFailover(KeyspaceWriter.failover(accepted.leader(), accepted.candidate(), scheduledAt));
        } catch (DcsException e) {
            written = false;
        }
        if (!written) {
            return ApiResponse.message(503, "failed to write failover key into DCS");
        }
        dcs.wakeUp();
        if (accepted.scheduled() != null) {
            return ApiResponse.message(202, title(accepted.action()) + " scheduled");
        }
        String oldLeader = cluster.isUnlocked() ? null : cluster.leader().name();
        long loopWait = Timings.from(cluster.config()).loopWait();
        return awaitOutcome(oldLeader, accepted.candidate(), accepted.action(), Math.max(MIN_POLL_SECONDS, loopWait));
    }

    /** Patroni's {@code poll_failover_result}: up to 2 × max(10, loop_wait) looks, one per tick. */
    private ApiResponse awaitOutcome(String oldLeader, String candidate, String action, long seconds) {
        String past = SwitchoverRules.SWITCHOVER.equals(action) ? "switched" : "failed";
        for (long i = 0; i < seconds * 2; i++) {
            try {
                Thread.sleep(tick.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Cluster now = dcs.cluster();
                if (!now.isUnlocked() && !now.leader().name().equals(oldLeader)) {
                    String winner = now.leader().name();
                    if (candidate == null || candidate.equals(winner)) {
                        return ApiResponse.message(200, "Successfully " + past + " over to \"" + winner + "\"");
                    }
                    return ApiResponse.message(200, title(past) + " over to \"" + winner + "\" instead of \""
                            + candidate + "\"");
                }
                if (!now.failover().isPresent()) {
                    return ApiResponse.message(503, title(action) + " failed");
                }
            } catch (DcsException e) {
                LOG.log(System.Logger.Level.DEBUG, "while waiting for the " + action + ": " + e.getMessage());
            }
        }
        return ApiResponse.message(503, title(action) + " status unknown");
    }

    ApiResponse delete() {
        Failover failover;
        try {
            failover = dcs.cluster().failover();
        } catch (DcsException e) {
            return ApiResponse.error(503, "cannot read the cluster from the DCS");
        }
        if (!failover.isScheduled()) {
            return ApiResponse.message(404, "no switchover is scheduled");
        }
        boolean cleared;
        try {
            cleared = dcs.compareAndPutFailover(KeyspaceWriter.failover(null, null, null), failover.modRevision());
        } catch (DcsException e) {
            cleared = false;
        }
        return cleared ? ApiResponse.message(200, "scheduled switchover deleted") : ApiResponse.error(409);
    }

    /** Request fields are the client's text: one log line stays one line. */
    private static String oneLine(String text) {
        String flat = text.replaceAll("[\\p{Cntrl}]", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    private static String title(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
