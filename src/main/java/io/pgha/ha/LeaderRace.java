package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Failover;
import io.pgha.dcs.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster has no leader key (ha-loop.md §5.4, §6.1): the healthiest node takes the key and becomes
 * primary; the others follow. Only this class asks for {@link Action.AcquireLeaderLock}.
 */
final class LeaderRace {
    private static final Duration HEAD_START = Duration.ofSeconds(2);

    private LeaderRace() {
    }

    static Decision decide(Situation s) {
        Verdict healthiest = healthiest(s);
        if (healthiest.isUndecided()) {
            return healthiest.ask();
        }
        if (healthiest.isYes()) {
            LockResult race = s.outcomes.leaderAcquire();
            if (race == null) {
                return Decision.ask(new Action.AcquireLeaderLock());
            }
            if (race == LockResult.SUCCEEDED) {
                Failover failover = s.failover();
                if (failover.isPresent()) {
                    if (s.paused() && Situation.notEmpty(failover.leader()) && Situation.notEmpty(failover.member())) {
                        s.carry(new Action.RewriteFailoverKey(failover.member(), failover.scheduledAt(),
                                failover.modRevision()));
                    } else {
                        s.carry(new Action.ClearFailoverKey(null));
                    }
                }
                if (s.global.standbyCluster()) {
                    return StandbyCluster.wonRace(s);
                }
                return LockHolder.enforcePrimary(s, "acquired session lock as a leader",
                        "promoted self to leader by acquiring session lock");
            }
            return Following.follow(s, "demoted self after trying and failing to obtain lock",
                    "following new leader after trying and failing to obtain lock");
        }
        if (Situation.notEmpty(s.failover().member()) || (s.noFailover() && !s.paused())) {
            s.rewind.arm();
            s.carry(new Action.Wait(HEAD_START));
        }
        if (s.noFailover()) {
            return Following.follow(s, "demoting self because I am not allowed to become primary",
                    "following a different leader because I am not allowed to promote");
        }
        return Following.follow(s, "demoting self because i am not the healthiest node",
                "following a different leader because i am not the healthiest node");
    }

    /** §6.1, first match decides. */
    static Verdict healthiest(Situation s) {
        Failover failover = s.failover();
        if (s.paused() && !s.noFailover() && failover.isPresent() && !failover.isScheduled()) {
            Verdict manual = ManualFailover.withoutLeader(s);
            if (manual != null) {
                return manual;
            }
        }
        if (s.pg.state().isStarting()) {
            return Verdict.no("PostgreSQL is still starting");
        }
        if (s.isPrimary()) {
            if (s.paused()) {
                String initialize = s.cluster.initialize();
                boolean ours = initialize == null || initialize.isEmpty() || initialize.equals(s.pg.sysid());
                return ours ? Verdict.yes(List.of()) : Verdict.no("system ID does not match /initialize");
            }
            long clusterTimeline = s.cluster.timeline();
            Long myTimeline = s.pg.timeline();
            if (myTimeline != null && myTimeline < clusterTimeline) {
                return Verdict.no("My timeline " + myTimeline + " is behind last known cluster timeline "
                        + clusterTimeline);
            }
            return Verdict.yes(List.of());
        }
        if (s.paused()) {
            return Verdict.no("paused: replicas never race");
        }
        if (s.noFailover()) {
            return Verdict.no("I am not allowed to promote");
        }
        if (failover.isPresent()) {
            if (Situation.notEmpty(failover.leader()) && s.syncModeActive() && !s.syncMatches(s.me, true)) {
                return Verdict.no("switchover in synchronous mode and I am not in /sync");
            }
            Verdict manual = ManualFailover.withoutLeader(s);
            return manual == null ? Verdict.no("stale failover key removed") : manual;
        }
        if (s.agent.watchdogFailed()) {
            return Verdict.no("Watchdog device is not usable");
        }
        if (Failsafe.excludedFromRace(s)) {
            return Verdict.no("failsafe mode is enabled and I am not in /failsafe");
        }
        List<Member> known = knownMembers(s);
        if (s.syncModeActive()) {
            if (!s.global.quorumMode() && !s.syncMatches(s.me, true)) {
                return Verdict.no("synchronous mode and I am not in /sync");
            }
            known = known.stream().filter(m -> s.syncMatches(m.name(), true)).toList();
        }
        Cluster former = s.formerCluster();
        String formerLeader = former == null || former.isUnlocked() ? null : former.leader().name();
        return s.ranking().healthiest(known, true, formerLeader);
    }

    /** Members of the last locked view and of this one, by name (the newer entry wins). */
    private static List<Member> knownMembers(Situation s) {
        Map<String, Member> byName = new LinkedHashMap<>();
        Cluster former = s.formerCluster();
        if (former != null) {
            former.members().forEach(m -> byName.put(m.name(), m));
        }
        s.cluster.members().forEach(m -> byName.put(m.name(), m));
        return new ArrayList<>(byName.values());
    }
}
