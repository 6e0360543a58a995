package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.ha.ClusterSettings;
import io.pgha.ha.PeerStatus;
import io.pgha.text.PyText;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The checks of {@code POST /switchover} and {@code POST /failover} before anything is written, in
 * Patroni 4.1.4's order and with its texts (rest-api.md §6.7). The request either becomes a
 * {@link Verdict#accepted} switchover/failover or is refused with the status and one-line message to send.
 */
final class SwitchoverRules {
    static final String SWITCHOVER = "switchover";
    static final String FAILOVER = "failover";

    private SwitchoverRules() {
    }

    /**
     * @param action   the endpoint's name; a failover naming a leader continues as a switchover
     * @param leader   the {@code /failover} key's {@code leader} to write (null for none)
     * @param candidate the key's {@code member} (null for none)
     * @param scheduled null unless the request was scheduled
     */
    record Request(String action, String leader, String candidate, ScheduleTime scheduled) {
    }

    /** Either an accepted request or the refusal (status and message). */
    record Verdict(Request accepted, int status, String message) {
        static Verdict refuse(int status, String message) {
            return new Verdict(null, status, message);
        }

        boolean isAccepted() {
            return accepted != null;
        }
    }

    /**
     * @param body     the request's JSON object (non-empty, already checked)
     * @param statuses asks the named members for their status (only when the request is not scheduled)
     */
    static Verdict check(String endpoint, Map<String, Object> body, Cluster cluster, Instant now,
                         Function<List<Member>, List<PeerStatus>> statuses) {
        Object leader = body.get("leader");
        Object candidate = PyText.truthy(body.get("candidate")) ? body.get("candidate") : body.get("member");
        Object scheduledAt = body.get("scheduled_at");
        boolean paused = cluster.isPaused();
        String action = endpoint;

        if (FAILOVER.equals(action) && !PyText.truthy(candidate)) {
            return Verdict.refuse(400, "Failover could be performed only to a specific candidate");
        }
        if (SWITCHOVER.equals(action) && !PyText.truthy(leader)) {
            return Verdict.refuse(400, "Switchover could be performed only from a specific leader");
        }
        ScheduleTime scheduled = null;
        if (PyText.truthy(scheduledAt)) {
            if (FAILOVER.equals(action)) {
                return Verdict.refuse(400, "Failover can't be scheduled");
            }
            if (paused) {
                return Verdict.refuse(400, "Can't schedule switchover in the paused state");
            }
            scheduled = ScheduleTime.parse(scheduledAt);
            switch (scheduled.kind()) {
                case NO_TIMEZONE -> {
                    return Verdict.refuse(400, "Timezone information is mandatory for the scheduled " + action);
                }
                case UNPARSABLE -> {
                    return Verdict.refuse(422,
                            "Unable to parse scheduled timestamp. It should be in an unambiguous format, e.g. ISO 8601");
                }
                case OK -> {
                    if (scheduled.at().toInstant().isBefore(now)) {
                        return Verdict.refuse(422, "Cannot schedule " + action + " in the past");
                    }
                }
            }
        }
        if (paused && !PyText.truthy(candidate)) {
            return Verdict.refuse(400, "Switchover is possible only to a specific candidate in a paused state");
        }
        if (FAILOVER.equals(action) && PyText.truthy(leader)) {
            action = SWITCHOVER;
        }
        if (Objects.equals(leader, candidate)) {
            return Verdict.refuse(400, "Switchover target and source are the same");
        }
        String leaderName = PyText.truthy(leader) ? PyText.str(leader) : null;
        String candidateName = PyText.truthy(candidate) ? PyText.str(candidate) : null;
        if (scheduled == null) {
            String impossible = impossibility(cluster, leaderName, candidateName, action, statuses);
            if (impossible != null) {
                return Verdict.refuse(412, impossible);
            }
        }
        return new Verdict(new Request(action, leaderName, candidateName, scheduled), 0, null);
    }

    /** Patroni's {@code is_failover_possible}: why nobody could take over now, or null when someone can. */
    static String impossibility(Cluster cluster, String leader, String candidate, String action,
                                Function<List<Member>, List<PeerStatus>> statuses) {
        if (leader != null && (cluster.isUnlocked() || !cluster.leader().name().equals(leader))) {
            return "leader name does not match";
        }
        ClusterSettings settings = ClusterSettings.from(cluster.config());
        boolean strictSync = settings.synchronousMode() && !settings.quorumMode() && !settings.standbyCluster();
        List<Member> members;
        if (candidate != null) {
            if (SWITCHOVER.equals(action) && strictSync && !cluster.sync().isSyncStandby(candidate)) {
                return "candidate name does not match with sync_standby";
            }
            members = cluster.members().stream().filter(m -> m.name().equals(candidate)).toList();
            if (members.isEmpty()) {
                return "candidate does not exists";
            }
        } else if (strictSync) {
            members = cluster.members().stream().filter(m -> cluster.sync().isSyncStandby(m.name())).toList();
            if (members.isEmpty()) {
                return action + " is not possible: can not find sync_standby";
            }
        } else {
            members = cluster.members().stream()
                    .filter(m -> cluster.isUnlocked()
                            || (!m.name().equals(cluster.leader().name()) && m.apiUrl() != null && !m.apiUrl().isEmpty()))
                    .toList();
            if (members.isEmpty()) {
                return action + " is not possible: cluster does not have members except leader";
            }
        }
        for (PeerStatus status : statuses.apply(members)) {
            if (status.failoverLimitation().isEmpty()) {
                return null;
            }
        }
        return action + " is not possible: no good candidates have been found";
    }
}
