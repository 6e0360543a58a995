package io.pgha.cli.render;

import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import io.pgha.cli.render.MemberOverview.Position;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster as {@code GET /cluster} computes it (rest-api.md §5.1), for one surface: members sorted
 * by name with their role, state, address and WAL positions, plus pause and a scheduled switchover.
 */
public record ClusterOverview(String scope, String initialize, List<MemberOverview> members, boolean paused,
                              ScheduledSwitchover scheduledSwitchover) {

    private static final List<String> COPIED_3_0 = List.of("timeline", "pending_restart", "scheduled_restart", "tags");
    private static final List<String> COPIED_4_1 = List.of("timeline", "pending_restart", "pending_restart_reason",
            "scheduled_restart", "tags");

    public ClusterOverview {
        members = List.copyOf(members);
    }

    /** {@code /failover} with a {@code scheduled_at}: when, and from/to when the key names them (else null). */
    public record ScheduledSwitchover(String at, String from, String to) {
    }

    public static ClusterOverview of(Cluster cluster, Surface surface) {
        boolean standbyCluster = isStandbyCluster(cluster);
        List<MemberOverview> members = new ArrayList<>();
        for (Member m : cluster.members()) {
            members.add(member(cluster, m, surface, standbyCluster));
        }
        members.sort(Comparator.comparing(MemberOverview::name, PyYaml::compareCodePoints));
        ScheduledSwitchover switchover = null;
        if (cluster.failover().isScheduled()) {
            switchover = new ScheduledSwitchover(isoformat(cluster.failover().scheduledAt()),
                    emptyToNull(cluster.failover().leader()), emptyToNull(cluster.failover().member()));
        }
        return new ClusterOverview(cluster.scope(), cluster.initialize(), members, cluster.isPaused(), switchover);
    }

    private static MemberOverview member(Cluster cluster, Member m, Surface surface, boolean standbyCluster) {
        boolean v4 = surface == Surface.PATRONI_4_1;
        String role;
        if (cluster.isLeader(m)) {
            role = standbyCluster ? "standby_leader" : "leader";
        } else if (v4 && cluster.config().synchronousMode() && !standbyCluster && cluster.sync().isSyncStandby(m.name())) {
            role = cluster.config().quorumMode() ? "quorum_standby" : "sync_standby";
        } else if (!v4 && cluster.sync().syncStandbys().contains(m.name())) {
            // 3.0.2 looks only at /sync, whatever synchronous_mode says, and compares names exactly
            role = "sync_standby";
        } else {
            role = "replica";
        }
        String state = m.state() == null ? "" : m.state();
        if (v4 && !role.equals("leader") && m.replicationState() != null && !m.replicationState().isEmpty()) {
            state = m.replicationState();
        }
        String host = null;
        Integer port = null;
        var address = m.postgresAddress();
        if (address.isPresent() && !address.get().host().isEmpty()) {
            // Python's urlparse lower-cases the host name
            host = address.get().host().toLowerCase(Locale.ROOT);
            port = address.get().port();
        }
        Map<String, Object> data = m.data();
        Position receive = null;
        Position replay = null;
        Position wal = null;
        if (!cluster.isLeader(m)) {
            long clusterLsn = cluster.clusterLsn();
            if (v4) {
                // 4.x treats a zero LSN like a missing one
                receive = Position.of(nonZero(m.receiveLsn()), clusterLsn);
                replay = Position.of(nonZero(m.replayLsn()), clusterLsn);
                wal = Position.of(nonZero(m.xlogLocation()), clusterLsn);
            } else {
                wal = Position.of(m.xlogLocation(), clusterLsn);
            }
        }
        Map<String, Object> copied = new LinkedHashMap<>();
        for (String attribute : v4 ? COPIED_4_1 : COPIED_3_0) {
            if (data.containsKey(attribute)) {
                copied.put(attribute, data.get(attribute));
            }
        }
        return new MemberOverview(m.name(), role, state, host, port, copied, receive, replay, wal);
    }

    private static Long nonZero(Long value) {
        return value == null || value == 0 ? null : value;
    }

    /** A standby_cluster section with a host, port or restore_command (config.md). */
    private static boolean isStandbyCluster(Cluster cluster) {
        if (cluster.config().data().get("standby_cluster") instanceof Map<?, ?> standby) {
            return PyText.truthy(standby.get("host")) || PyText.truthy(standby.get("port"))
                    || PyText.truthy(standby.get("restore_command"));
        }
        return false;
    }

    /**
     * Patroni parses scheduled_at and prints {@code datetime.isoformat()}: "Z" becomes "+00:00",
     * microseconds appear only when non-zero. Text that does not parse is shown as stored.
     */
    static String isoformat(String value) {
        String text = value.trim();
        try {
            OffsetDateTime t = OffsetDateTime.parse(text.replace(' ', 'T'));
            return localPart(t.toLocalDateTime()) + offset(t.getOffset().getTotalSeconds());
        } catch (DateTimeParseException e) {
            try {
                return localPart(LocalDateTime.parse(text.replace(' ', 'T')));
            } catch (DateTimeParseException e2) {
                return value;
            }
        }
    }

    private static String localPart(LocalDateTime t) {
        String s = String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? s : s + String.format(".%06d", micros);
    }

    private static String offset(int seconds) {
        String sign = seconds < 0 ? "-" : "+";
        int abs = Math.abs(seconds);
        String s = String.format("%s%02d:%02d", sign, abs / 3600, abs % 3600 / 60);
        return abs % 60 == 0 ? s : s + String.format(":%02d", abs % 60);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
