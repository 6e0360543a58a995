package io.pgha.dcs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of everything under {@code /<namespace>/<scope>/}, as one prefix read saw it.
 * {@code initialize} is null when the key is missing and empty while a bootstrap runs;
 * {@code leader}, {@code history} and {@code failsafe} are null when absent.
 * {@code problems} lists the values that did not parse (each read as empty), one line each.
 */
public record Cluster(
        Keyspace keyspace,
        String initialize,
        DynamicConfig config,
        Leader leader,
        List<Member> members,
        Failover failover,
        SyncState sync,
        List<HistoryEntry> history,
        ClusterStatus status,
        Map<String, String> failsafe,
        List<String> problems,
        long revision) {

    public Cluster {
        members = List.copyOf(members);
        problems = List.copyOf(problems);
        history = history == null ? null : List.copyOf(history);
        failsafe = failsafe == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failsafe));
    }

    public String scope() {
        return keyspace.scope();
    }

    public boolean isUnlocked() {
        return leader == null || leader.name().isEmpty();
    }

    /** The member holding the leader key (a placeholder when the key names no member). */
    public Optional<Member> leaderMember() {
        if (isUnlocked()) {
            return Optional.empty();
        }
        return Optional.of(member(leader.name())
                .orElseGet(() -> Member.placeholder(leader.name(), 0, leader.lease())));
    }

    public Optional<Member> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public boolean isLeader(Member member) {
        return !isUnlocked() && member.name().equals(leader.name());
    }

    public boolean isPaused() {
        return config.isPaused();
    }

    /** The leader's last WAL position from /status (or legacy optime/leader); 0 when unknown. */
    public long clusterLsn() {
        return status.optime();
    }

    /** Last history entry's timeline + 1; 1 for an empty history; 0 when there is no history key. */
    public long timeline() {
        if (history == null) {
            return 0;
        }
        return history.isEmpty() ? 1 : history.get(history.size() - 1).timeline() + 1;
    }

    /** Whether a synchronous standby role applies to this member (synchronous mode on and named in /sync). */
    public boolean isSyncStandby(Member member) {
        return config.synchronousMode() && !isLeader(member) && sync.isSyncStandby(member.name());
    }
}
