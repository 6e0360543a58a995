package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Json;
import io.pgha.dcs.Member;
import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code switchover} and {@code failover} (patronictl.md §2.3, §2.4): checks and questions in patronictl's
 * order, then {@code POST /switchover} or {@code /failover} to the leader (to the candidate without one), and
 * patronictl's put of {@code /failover} when no member could be asked.
 */
final class ManualFailover {
    /** Which operation, the cluster and the options as given (null when absent). */
    record Request(String action, String clusterName, String leader, String candidate, String scheduled,
                   boolean force) {
        boolean isSwitchover() {
            return action.equals("switchover");
        }

        String title() {
            return Character.toUpperCase(action.charAt(0)) + action.substring(1);
        }
    }

    private final OperationContext ops;

    ManualFailover(OperationContext ops) {
        this.ops = ops;
    }

    int run(Request request) {
        Cluster cluster = ops.access().read(request.clusterName());
        ops.out().println("Current cluster topology");
        ops.printTable(cluster);
        String clusterLeader = cluster.isUnlocked() ? null : cluster.leader().name();
        String action = request.action();
        if (request.isSwitchover() && clusterLeader == null) {
            throw new CliException("This cluster has no leader");
        }

        String leader = request.leader();
        if (leader == null) {
            if (request.force() || !request.isSwitchover()) {
                leader = clusterLeader;
            } else {
                String prompt = isStandbyCluster(cluster) ? "Standby Leader" : "Primary";
                leader = ops.prompter().ask(prompt + " [" + clusterLeader + "]: ", clusterLeader, "--leader or --force");
            }
        }
        if (leader != null && clusterLeader != null && !leader.equals(clusterLeader)) {
            throw new CliException("Member " + leader + " is not the leader of cluster " + request.clusterName());
        }

        // 3.0.2 excludes the leader named on the command line, 4.x the holder of the leader key (the same after the check above)
        String excluded = ops.patroni30() ? leader : clusterLeader;
        List<String> candidates = cluster.members().stream()
                .filter(m -> !m.name().equals(excluded) && !m.noFailover())
                .map(Member::name).sorted().toList();
        if (candidates.isEmpty()) {
            throw new CliException("No candidates found to " + action + " to");
        }
        String candidate = request.candidate();
        if (candidate == null && !request.force()) {
            candidate = ops.prompter().ask("Candidate " + PyText.repr(candidates) + " []: ", "", "--candidate or --force");
        }
        if (!request.isSwitchover() && (candidate == null || candidate.isEmpty())) {
            throw new CliException("Failover could be performed only to a specific candidate");
        }
        checkCandidate(request, cluster, leader, clusterLeader, candidates, candidate);

        if (!ops.patroni30() && !request.force() && !request.isSwitchover() && cluster.config().synchronousMode()
                && !cluster.sync().isEmpty() && !cluster.sync().isSyncStandby(candidate)) {
            if (!ops.prompter().confirm("Are you sure you want to failover to the asynchronous node " + candidate + "?",
                    "--force")) {
                throw new CliException("Aborting " + action);
            }
        }

        OffsetDateTime scheduledAt = null;
        if (request.isSwitchover()) {
            String scheduled = request.scheduled();
            if (scheduled == null && !request.force()) {
                scheduled = ops.prompter().ask("When should the switchover take place (e.g. "
                        + ops.schedule().exampleInOneHour() + " )  [now]: ", "now", "--scheduled or --force");
            }
            scheduledAt = ops.schedule().parse(scheduled).orElse(null);
            if (scheduledAt != null && cluster.isPaused()) {
                throw new CliException("Can't schedule switchover in the paused state");
            }
        }
        String scheduledText = scheduledAt == null ? null : Schedule.isoformat(scheduledAt);

        if (!request.force()) {
            String demoted = ops.patroni30() ? leader : clusterLeader;
            String demoting = demoted == null || demoted.isEmpty() ? "" : ", demoting current leader " + demoted;
            if (scheduledText != null) {
                if (!ops.prompter().confirm("Are you sure you want to schedule " + action + " of cluster "
                        + request.clusterName() + " at " + scheduledText + demoting + "?", "--force")) {
                    throw new CliException("Aborting scheduled " + action);
                }
            } else if (!ops.prompter().confirm("Are you sure you want to " + action + " cluster "
                    + request.clusterName() + demoting + "?", "--force")) {
                throw new CliException("Aborting " + action);
            }
        }

        String body = PyJson.dumps(body(request, leader, candidate, scheduledText));
        Cluster shown = cluster;
        try {
            Member target = target(cluster, candidate);
            Duration patience = patience(cluster);
            NodeResponse response = ops.access().request(target, "POST", "/" + action, body, patience);
            if (response.status() == 501 && request.isSwitchover()
                    && response.body().contains("Server does not support this operation")) {
                response = ops.access().request(target, "POST", "/failover", body, patience);
            }
            if (response.status() != 200 && response.status() != 202) {
                ops.out().println(request.title() + " failed, details: " + response.status() + ", " + response.body());
                return ExitCode.OPERATION_FAILED;
            }
            shown = ops.access().read(request.clusterName());
            ops.out().println(ops.schedule().timestamp() + " " + response.body());
        } catch (NodeException e) {
            ops.out().println(ops.schedule().timestamp() + " Could not " + action + " using Patroni api, falling back to DCS");
            ops.access().putFailover(request.clusterName(), Json.write(failoverKey(leader, candidate, scheduledText)));
        }
        ops.printTable(shown);
        return ExitCode.OK;
    }

    /** A standby_cluster section with a host, port or restore_command: its leader is a standby leader. */
    private static boolean isStandbyCluster(Cluster cluster) {
        return cluster.config().data().get("standby_cluster") instanceof Map<?, ?> standby
                && (PyText.truthy(standby.get("host")) || PyText.truthy(standby.get("port"))
                        || PyText.truthy(standby.get("restore_command")));
    }

    private void checkCandidate(Request request, Cluster cluster, String leader, String clusterLeader,
                                List<String> candidates, String candidate) {
        if (ops.patroni30()) {
            if (candidate != null && candidate.equals(leader)) {
                throw new CliException(request.title() + " target and source are the same.");
            }
            if (candidate != null && !candidate.isEmpty() && !candidates.contains(candidate)) {
                throw new CliException("Member " + candidate + " does not exist in cluster " + request.clusterName());
            }
            return;
        }
        if (candidate != null && !candidate.isEmpty() && !candidates.contains(candidate)) {
            if (candidate.equals(clusterLeader)) {
                throw new CliException("Member " + candidate + " is already the leader of cluster " + request.clusterName());
            }
            throw new CliException("Member " + candidate + " does not exist in cluster " + request.clusterName()
                    + " or is tagged as nofailover");
        }
    }

    /** 3.0.2 always sends leader, candidate and scheduled_at; 4.x the candidate, the leader of a switchover, a schedule. */
    private Map<String, Object> body(Request request, String leader, String candidate, String scheduledText) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (ops.patroni30()) {
            body.put("leader", leader);
            body.put("candidate", candidate);
            body.put("scheduled_at", scheduledText);
            return body;
        }
        body.put("candidate", candidate);
        if (request.isSwitchover()) {
            body.put("leader", leader);
        }
        if (scheduledText != null) {
            body.put("scheduled_at", scheduledText);
        }
        return body;
    }

    /** The value patronictl writes itself: compact, only the fields that are set. */
    private static Map<String, Object> failoverKey(String leader, String candidate, String scheduledText) {
        Map<String, Object> value = new LinkedHashMap<>();
        if (leader != null && !leader.isEmpty()) {
            value.put("leader", leader);
        }
        if (candidate != null && !candidate.isEmpty()) {
            value.put("member", candidate);
        }
        if (scheduledText != null) {
            value.put("scheduled_at", scheduledText);
        }
        return value;
    }

    private static Member target(Cluster cluster, String candidate) {
        Optional<Member> member = cluster.isUnlocked()
                ? Optional.ofNullable(candidate).flatMap(cluster::member)
                : cluster.leaderMember();
        return member.orElseThrow(() -> new NodeException("no member to send the request to", null));
    }

    /** A member answers a switchover once the new leader holds the key: it polls up to 2 × max(10, loop_wait) s. */
    private static Duration patience(Cluster cluster) {
        long loopWait = cluster.config().number("loop_wait", 10);
        return Duration.ofSeconds(2 * Math.max(10, loopWait) + 30);
    }
}
