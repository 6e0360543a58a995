package io.pgha.ha;

import io.pgha.dcs.Failover;
import io.pgha.dcs.Member;
import io.pgha.ha.Action.DemoteMode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code /failover} key (ha-loop.md §11): on the leader, whether to step down now, later or never
 * (and clear the key); on the others once the leader is gone, whether this node is the one to take over.
 */
final class ManualFailover {
    private ManualFailover() {
    }

    /**
     * §11.1 on the lock holder. A graceful demotion when the switchover/failover is due and someone can
     * take over; null otherwise (the cycle goes on; clearing a stale or refused key is carried).
     */
    static Decision onLeader(Situation s) {
        Failover failover = s.failover();
        if (!failover.isPresent() || (s.paused() && !s.isPrimary())) {
            return null;
        }
        String action = s.failoverActionName();
        Action.Wait wait = null;
        if (Situation.notEmpty(failover.scheduledAt())) {
            if (s.paused()) {
                return null;
            }
            Optional<Instant> at = parse(failover.scheduledAt());
            if (at.isEmpty()) {
                return clear(s, failover);
            }
            Duration delta = Duration.between(s.now, at.get());
            int loopWait = s.global.timings().loopWait();
            if (delta.compareTo(Duration.ofSeconds(loopWait)) > 0) {
                return null;
            }
            if (delta.compareTo(Duration.ofSeconds(-(long) (loopWait * 1.5))) < 0) {
                return clear(s, failover);
            }
            wait = new Action.Wait(delta.isNegative() ? Duration.ZERO : delta);
        }
        boolean fromMe = !Situation.notEmpty(failover.leader()) || failover.leader().equals(s.me);
        boolean toMe = s.me.equals(failover.member());
        if (!fromMe || toMe) {
            return clear(s, failover);
        }
        if (!Situation.notEmpty(failover.member()) && s.paused()) {
            return clear(s, failover);
        }
        Verdict possible = s.ranking().failoverPossible(0, false);
        if (possible.isUndecided()) {
            return possible.ask();
        }
        if (!possible.isYes()) {
            return clear(s, failover);
        }
        s.rewind.arm();
        Action.Demote demote = new Action.Demote(DemoteMode.GRACEFUL, action + ": demote");
        List<Action> actions = wait == null ? List.of(demote) : List.of(wait, demote);
        return Decision.of(action + ": demoting myself", actions);
    }

    /**
     * §11.2 on a node that finds the cluster unlocked with a pending /failover: YES (take it), NO, an
     * undecided verdict (peer statuses needed), or null to go on with the normal checks (after carrying
     * the removal of a key naming a vanished candidate in pause).
     */
    static Verdict withoutLeader(Situation s) {
        Failover failover = s.failover();
        String action = s.failoverActionName();
        String candidate = failover.member();
        if (Situation.notEmpty(candidate)) {
            if (candidate.equals(s.me)) {
                return Verdict.yes(List.of(action + ": to me"));
            }
            if (s.paused()) {
                if (s.cluster.member(candidate).isEmpty() && s.isPrimary()) {
                    s.carry(new Action.ClearFailoverKey(failover.modRevision()));
                    return null;
                }
                return Verdict.no(action + ": paused, only " + candidate + " may take over");
            }
            if (s.syncRequested() && !s.global.quorumMode() && !s.syncMatches(s.me, true)) {
                return Verdict.no(action + ": I am not in /sync");
            }
            Optional<Member> member = s.cluster.member(candidate);
            if (member.isPresent()) {
                PeerStatus status = s.outcomes.peerStatuses().get(candidate);
                if (status == null) {
                    return Verdict.needs(List.of(new Action.FetchPeerStatuses.Peer(candidate, member.get().apiUrl())));
                }
                if (status.failoverLimitation().isEmpty()) {
                    return Verdict.no(action + ": to " + candidate + ", i am " + s.me);
                }
            }
        } else if (s.paused()) {
            return Verdict.no(action + ": only to a specific candidate while paused");
        }
        if (Situation.notEmpty(failover.leader()) && failover.leader().equals(s.me)) {
            Verdict others = s.ranking().failoverPossible(0, Situation.notEmpty(candidate));
            if (others.isUndecided()) {
                return others;
            }
            return others.isYes() ? Verdict.no(action + ": another member can take over")
                    : Verdict.yes(List.of(action + ": I was the leader and I am the only healthy member"));
        }
        List<Member> rivals = s.cluster.members().stream()
                .filter(m -> !m.name().equals(failover.leader()))
                .filter(m -> !s.syncModeActive() || s.syncMatches(m.name(), false))
                .toList();
        return s.ranking().healthiest(rivals, false, null);
    }

    private static Decision clear(Situation s, Failover failover) {
        s.carry(new Action.ClearFailoverKey(failover.modRevision()));
        return null;
    }

    /** ISO-8601 with an offset, as REST and patronictl write it; a bare UTC instant is accepted too. */
    static Optional<Instant> parse(String scheduledAt) {
        try {
            return Optional.of(OffsetDateTime.parse(scheduledAt).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(scheduledAt));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }
}
