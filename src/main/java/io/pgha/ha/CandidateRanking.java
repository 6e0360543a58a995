package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Failover;
import io.pgha.dcs.Member;
import io.pgha.dcs.SyncState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may take over, judged from the cluster view and the REST statuses of the other members:
 * "am I the healthiest node?" (ha-loop.md §6.2) and "is a failover possible?" (§6.4). Used by the
 * leader race, by manual failover on every node, and by the agent while it demotes or shuts down
 * (early release of the leader key once a candidate has the shutdown checkpoint).
 *
 * <p>Statuses come from {@code peers}; when one is missing the verdict is {@link Verdict.Answer#UNDECIDED}
 * and names the members to ask. Members are visited in name order so reasons are repeatable.
 */
public final class CandidateRanking {
    private final Cluster cluster;
    private final HaSettings settings;
    private final LocalState local;
    private final ClusterSettings global;
    private final Map<String, PeerStatus> peers;

    public CandidateRanking(Cluster cluster, HaSettings settings, LocalState local, ClusterSettings global,
                            Map<String, PeerStatus> peers) {
        this.cluster = cluster;
        this.settings = settings;
        this.local = local;
        this.global = global;
        this.peers = peers == null ? Map.of() : Map.copyOf(peers);
    }

    /**
     * §6.2: may I become leader compared with {@code rivals}? With {@code checkLag} a position more than
     * {@code maximum_lag_on_failover} behind /status disqualifies me. The priority of
     * {@code formerLeader} is ignored (outside sync mode; in sync mode the /sync leader is the former one).
     */
    public Verdict healthiest(Collection<Member> rivals, boolean checkLag, String formerLeader) {
        List<String> reasons = new ArrayList<>();
        long myWal = local.postgres().wal();
        long clusterTimeline = cluster.timeline();
        if (checkLag && cluster.clusterLsn() - myWal > global.maximumLagOnFailover()) {
            return Verdict.no("My wal position exceeds maximum replication lag");
        }
        if (!global.standbyCluster() && global.checkTimeline()) {
            Long myTimeline = local.postgres().timeline();
            if (myTimeline == null) {
                return Verdict.no("Can not figure out my timeline");
            }
            if (myTimeline < clusterTimeline) {
                return Verdict.no("My timeline " + myTimeline + " is behind last known cluster timeline "
                        + clusterTimeline);
            }
        }
        boolean quorumMode = quorumModeActive();
        SyncState sync = cluster.sync();
        Set<String> voters = quorumMode ? lowerCase(syncMembers(sync)) : Set.of();
        int quorum = quorumMode && sync.quorum() != null ? sync.quorum() : 0;
        String me = settings.name();

        List<Member> compared = rivals.stream()
                .filter(m -> !m.name().equals(me) && notEmpty(m.apiUrl()))
                .filter(m -> !Tags.of(m.tags()).isNoFailover() || voters.contains(lower(m.name())))
                .sorted(java.util.Comparator.comparing(Member::name))
                .toList();
        List<Action.FetchPeerStatuses.Peer> missing = missing(compared);
        if (!missing.isEmpty()) {
            return Verdict.needs(missing);
        }

        int votes = voters.contains(lower(me)) ? 0 : -1;
        int ahead = 0;
        String former = syncModeActive() ? sync.leader() : formerLeader;
        int myPriority = settings.tags().priority();
        for (Member member : compared) {
            PeerStatus status = peers.get(member.name());
            if (status.failoverLimitation().isPresent()) {
                reasons.add("Member " + member.name() + " is " + status.failoverLimitation().get());
                continue;
            }
            if (!status.inRecovery()) {
                return Verdict.no("Primary (" + member.name() + ") is still alive");
            }
            if (myWal < status.walPosition()) {
                ahead++;
                if (!syncModeActive() || !member.name().equalsIgnoreCase(sync.leader())) {
                    return Verdict.no("Wal position of " + member.name() + " is ahead of my wal position");
                }
                reasons.add("Ignoring the former leader being ahead of us");
            } else if (status.walPosition() > 0) {
                boolean vote = voters.contains(lower(member.name()));
                boolean lowPriority = myWal == status.walPosition() && myPriority < status.failoverPriority();
                if (lowPriority && former != null && former.equals(member.name())) {
                    reasons.add("Ignoring former leader " + former + " having priority "
                            + status.failoverPriority() + " higher than this nodes " + myPriority + " priority");
                    lowPriority = false;
                }
                if (lowPriority && (!quorumMode || vote)) {
                    return Verdict.no(member.name() + " has equally tolerable WAL position and priority "
                            + status.failoverPriority() + ", while this node has priority " + myPriority);
                }
                if (vote) {
                    reasons.add("Got quorum vote from " + member.name());
                    votes++;
                }
            }
        }
        if (!quorumMode || votes >= quorum || (ahead == 0 && me.equals(sync.leader()))) {
            return Verdict.yes(reasons);
        }
        reasons.add("Quorum requirement " + quorum + " is not reached with " + votes + " votes");
        return Verdict.no(reasons);
    }

    /**
     * §6.4: is some other member healthy enough to take over? With {@code clusterLsn} > 0 a candidate
     * must have reached it (shutdown checkpoint); otherwise it must be within
     * {@code maximum_lag_on_failover} of /status. {@code excludeCandidate} leaves out the /failover candidate.
     */
    public Verdict failoverPossible(long clusterLsn, boolean excludeCandidate) {
        List<Member> candidates = failoverCandidates(excludeCandidate);
        List<Action.FetchPeerStatuses.Peer> missing = missing(candidates);
        if (!missing.isEmpty()) {
            return Verdict.needs(missing);
        }
        List<String> reasons = new ArrayList<>();
        if (candidates.isEmpty()) {
            reasons.add("candidates list is empty");
        }
        int votes = -1;
        long clusterTimeline = cluster.timeline();
        for (Member member : candidates) {
            PeerStatus status = peers.get(member.name());
            if (status.failoverLimitation().isPresent()) {
                reasons.add("Member " + member.name() + " is " + status.failoverLimitation().get());
            } else if (clusterLsn > 0 ? status.walPosition() < clusterLsn
                    : cluster.clusterLsn() - status.walPosition() > global.maximumLagOnFailover()) {
                reasons.add("Member " + member.name() + " exceeds maximum replication lag");
            } else if (global.checkTimeline() && (status.timeline() == 0 || status.timeline() < clusterTimeline)) {
                reasons.add("Timeline " + status.timeline() + " of member " + member.name()
                        + " is behind the cluster timeline " + clusterTimeline);
            } else {
                votes++;
            }
        }
        Failover failover = cluster.failover() == null ? Failover.NONE : cluster.failover();
        boolean candidateNamed = failover.isPresent() && notEmpty(failover.member()) && !excludeCandidate;
        Integer quorum = cluster.sync().quorum();
        if (quorumModeActive() && !candidateNamed && votes < (quorum == null ? 0 : quorum)) {
            reasons.add("Quorum requirement " + quorum + " can not be reached");
            return Verdict.no(reasons);
        }
        return Verdict.of(votes >= 0, reasons);
    }

    /**
     * Members that could take over (Patroni's get_failover_candidates): not me, not nofailover, with an
     * api_url; in sync mode only /sync standbys unless this is a manual failover (no leader named); when
     * the /failover key names a candidate (and it is not excluded) only that candidate.
     */
    public List<Member> failoverCandidates(boolean excludeCandidate) {
        Failover failover = cluster.failover() == null ? Failover.NONE : cluster.failover();
        boolean present = failover.isPresent();
        String candidate = present ? failover.member() : null;
        return cluster.members().stream()
                .filter(m -> !m.name().equals(settings.name()))
                .filter(m -> !(excludeCandidate && m.name().equals(candidate)))
                .filter(m -> !syncModeActive() || cluster.sync().isSyncStandby(m.name())
                        || (present && !notEmpty(failover.leader())))
                .filter(m -> !Tags.of(m.tags()).isNoFailover() && notEmpty(m.apiUrl()))
                .filter(m -> excludeCandidate || !notEmpty(candidate) || m.name().equals(candidate))
                .sorted(java.util.Comparator.comparing(Member::name))
                .toList();
    }

    private List<Action.FetchPeerStatuses.Peer> missing(List<Member> members) {
        return members.stream()
                .filter(m -> !peers.containsKey(m.name()))
                .map(m -> new Action.FetchPeerStatuses.Peer(m.name(), m.apiUrl()))
                .toList();
    }

    private boolean syncModeActive() {
        return global.synchronousMode() && !global.standbyCluster() && !cluster.sync().isEmpty();
    }

    private boolean quorumModeActive() {
        return syncModeActive() && global.quorumMode();
    }

    private static List<String> syncMembers(SyncState sync) {
        List<String> members = new ArrayList<>();
        if (!sync.isEmpty()) {
            members.add(sync.leader());
            members.addAll(sync.syncStandbys());
        }
        return members;
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> set = new TreeSet<>();
        names.forEach(n -> set.add(lower(n)));
        return set;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean notEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
