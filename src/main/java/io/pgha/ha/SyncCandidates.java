package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.dcs.SyncState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which standbys may be synchronous now and which of those are proven synchronous (ha-loop.md §15.1),
 * from the primary's {@code pg_stat_replication} and the members in the view. A member qualifies when
 * its PostgreSQL runs, it lacks {@code nosync} (or a {@code sync_priority} ≤ 0), it is not me and it is
 * not meant to cascade through another standby; members with {@code nofailover} come last.
 */
public final class SyncCandidates {
    private SyncCandidates() {
    }

    /** One row of {@code pg_stat_replication}; positions null when not reported. */
    public record Standby(String name, String syncState, Long writeLsn, Long flushLsn, Long replayLsn) {
        Long lsn(String synchronousCommit) {
            return switch (synchronousCommit == null ? "" : synchronousCommit) {
                case "remote_apply" -> replayLsn;
                case "remote_write" -> writeLsn;
                default -> flushLsn;
            };
        }
    }

    /**
     * What the primary knows beside the view.
     *
     * @param primaryLsn        the primary's own WAL position (lag is measured against it when one standby streams)
     * @param standbyNames      the server's {@code synchronous_standby_names}, parsed
     * @param readiness         standbys known to have caught up since the value last changed
     */
    public record Facts(List<Standby> standbys, String synchronousCommit, long primaryLsn, StandbyNames standbyNames,
                        SyncReadiness readiness) {
        public Facts {
            standbys = List.copyOf(standbys);
        }
    }

    /**
     * @param active    standbys to name in {@code synchronous_standby_names}
     * @param confirmed those of them proven synchronous (may be published in /sync)
     * @param numsync   the server's current number of synchronous standbys (0 with {@code *})
     * @param sync      the server's currently listed standbys (none with {@code *})
     * @param readiness the readiness to keep for the next cycle
     */
    public record View(Set<String> active, Set<String> confirmed, int numsync, Set<String> sync,
                       SyncReadiness readiness) {
    }

    private record Candidate(String name, String syncState, long lsn, boolean noFailover, int syncPriority) {
    }

    public static View evaluate(String me, Cluster cluster, SyncSettings settings, Facts facts) {
        Map<String, Member> members = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Member m : cluster.members()) {
            if (m.isRunning() && !noSync(m) && !m.name().equalsIgnoreCase(me)) {
                members.put(m.name(), m);
            }
        }
        Map<String, Standby> streaming = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Standby row : facts.standbys()) {
            if (row.name() != null && row.lsn(facts.synchronousCommit()) != null && members.containsKey(row.name())) {
                streaming.putIfAbsent(row.name(), row);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Standby row : streaming.values()) {
            Member member = members.get(row.name());
            if (!shouldCascade(members, streaming, member, 0)) {
                candidates.add(new Candidate(row.name(), row.syncState() == null ? "" : row.syncState(),
                        row.lsn(facts.synchronousCommit()), Tags.of(member.tags()).isNoFailover(), syncPriority(member)));
            }
        }
        // sync_priority, then sync_state (sync > quorum > potential > async happens to be reverse
        // alphabetical), then position, all descending
        candidates.sort(Comparator.comparingInt(Candidate::syncPriority).thenComparing(Candidate::syncState)
                .thenComparingLong(Candidate::lsn).reversed());
        long maxLsn = candidates.size() > 1 ? candidates.stream().mapToLong(Candidate::lsn).max().orElse(0)
                : facts.primaryLsn();

        StandbyNames names = facts.standbyNames();
        SyncReadiness readiness = facts.readiness();
        SyncState sync = cluster.sync();
        for (Candidate c : candidates) {
            if (readiness.isReady(c.name()) || !names.members().contains(c.name())) {
                continue;
            }
            boolean ready = settings.quorum()
                    ? c.lsn() >= readiness.flushLsnAtChange() && c.syncState().equals("quorum")
                    : sync.isSyncStandby(c.name()) || c.syncState().equals("sync") && c.lsn() >= readiness.flushLsnAtChange();
            if (ready) {
                readiness = readiness.withReady(c.name());
            }
        }

        TreeSet<String> active = StandbyNames.names();
        TreeSet<String> confirmed = StandbyNames.names();
        List<Candidate> preferred = new ArrayList<>(candidates);
        preferred.sort(Comparator.comparing(Candidate::noFailover)); // stable: promotable ones first
        for (Candidate c : preferred) {
            if (settings.maximumLagOnSyncNode() > 0 && maxLsn - c.lsn() > settings.maximumLagOnSyncNode()) {
                continue;
            }
            if (settings.quorum()) {
                // a standby that can never be promoted only fills up the count: its votes would not help a race
                if (!c.noFailover() || active.size() < settings.nodeCount()) {
                    if (readiness.isReady(c.name())) {
                        confirmed.add(c.name());
                    }
                    active.add(c.name());
                }
            } else {
                active.add(c.name());
                if (c.syncState().equals("sync") && readiness.isReady(c.name())) {
                    confirmed.add(c.name());
                }
                if (active.size() >= settings.nodeCount()) {
                    break;
                }
            }
        }
        return new View(active, confirmed, names.hasStar() ? 0 : names.num(), names.listed(), readiness);
    }

    /** nosync, or without an explicit nosync a sync_priority ≤ 0. */
    static boolean noSync(Member member) {
        Object flag = member.tags().get("nosync");
        if (flag != null) {
            return Tags.truthy(flag);
        }
        Integer priority = Tags.integer(member.tags().get("sync_priority"));
        return priority != null && priority <= 0;
    }

    static int syncPriority(Member member) {
        if (noSync(member)) {
            return 0;
        }
        Integer priority = Tags.integer(member.tags().get("sync_priority"));
        return priority == null ? 1 : priority;
    }

    /** The member should stream from another standby of the chain that already streams from me. */
    private static boolean shouldCascade(Map<String, Member> members, Map<String, Standby> streaming, Member member,
                                         int depth) {
        String from = Tags.of(member.tags()).replicateFrom();
        if (from == null || !members.containsKey(from) || depth > members.size()) {
            return false;
        }
        Member upstream = members.get(from);
        if (Tags.of(upstream.tags()).replicateFrom() == null) {
            return streaming.containsKey(upstream.name());
        }
        return shouldCascade(members, streaming, upstream, depth + 1);
    }
}
