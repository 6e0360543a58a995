package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code pause} and {@code resume} (patronictl.md §2.8): {@code PATCH /config} with {@code pause} to the first
 * member that answers, leader first; with {@code --wait}, until every member's key shows the new state.
 */
final class PauseToggle {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OperationContext ops;
    private final Duration pollInterval;

    PauseToggle(OperationContext ops, Duration pollInterval) {
        this.ops = ops;
        this.pollInterval = pollInterval;
    }

    int run(String clusterName, boolean pause, boolean await) {
        Cluster cluster = ops.access().read(clusterName);
        if (cluster.isPaused() == pause) {
            throw new CliException(pause ? "Cluster is already paused" : "Cluster is not paused");
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("pause", pause ? Boolean.TRUE : null);
        String body = io.pgha.text.PyJson.dumps(patch);
        for (Member member : FlushCommand.leaderFirst(cluster)) {
            NodeResponse r;
            try {
                r = ops.access().request(member, "PATCH", "/config", body, WAIT);
            } catch (NodeException e) {
                ops.err().println("warning: " + e.getMessage() + "; member " + member.name() + " is not accessible");
                continue;
            }
            if (r.status() != 200) {
                ops.out().println("Failed: " + (pause ? "pause" : "resume") + " cluster management status code="
                        + r.status() + ", (" + r.body() + ")");
                return ExitCode.OPERATION_FAILED;
            }
            return await ? awaitRecognition(clusterName, pause, cluster) : success(pause);
        }
        throw new CliException("Can not find accessible cluster member");
    }

    private int success(boolean pause) {
        ops.out().println("Success: cluster management is " + (pause ? "paused" : "resumed"));
        return ExitCode.OK;
    }

    /**
     * Polls the DCS every second. patronictl gives up after loop_wait + 1 s and then reports only members that
     * rewrote their key without the flag; pgha waits twice the loop and reports every member still lacking it.
     */
    private int awaitRecognition(String clusterName, boolean pause, Cluster before) {
        ops.out().println("'" + (pause ? "pause" : "resume") + "' request sent, waiting until it is recognized by all nodes");
        ops.out().flush();
        List<String> known = before.members().stream().filter(m -> m.apiUrl() != null && !m.apiUrl().isEmpty())
                .map(Member::name).toList();
        long loopWait = before.config().number("loop_wait", 10);
        Duration limit = Duration.ofSeconds(2 * loopWait + 1);
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> remaining;
        try (ProgressLine progress = ops.progressLine()) {
            while (true) {
                Cluster now = ops.access().read(clusterName);
                remaining = now.members().stream().filter(m -> known.contains(m.name()) && m.pause() != pause)
                        .map(Member::name).toList();
                if (remaining.isEmpty()) {
                    progress.close();
                    return success(pause);
                }
                if (System.nanoTime() + pollInterval.toNanos() > deadline) {
                    break;
                }
                progress.update("waiting for " + String.join(", ", remaining) + " to recognize the "
                        + (pause ? "pause" : "resume"));
                sleep(pollInterval);
            }
        }
        ops.out().println(remaining.stream().collect(Collectors.joining(", "))
                + " members didn't recognized pause state after " + limit.toSeconds() + " seconds");
        return ExitCode.OPERATION_FAILED;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the members");
        }
    }
}
