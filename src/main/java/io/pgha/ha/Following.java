package io.pgha.ha;

import io.pgha.ha.Action.DemoteMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * FOLLOW (ha-loop.md §10, §5.6): a node without the lock replicates from NODE-TO-FOLLOW; a running
 * primary without the lock is demoted at once (outside pause); a diverged timeline is rewound first.
 */
final class Following {
    private Following() {
    }

    /** §5.6: the leader key is held by someone else. */
    static Decision followLeader(Situation s) {
        if (s.global.standbyCluster()) {
            return StandbyCluster.follower(s);
        }
        return follow(s, "demoting self because I do not have the lock and I was a leader",
                "no action. I am (" + s.me + "), a secondary, and following a leader (" + s.leaderName() + ")");
    }

    static Decision follow(Situation s, String demoteReason, String followReason) {
        Upstream upstream = s.upstream().orElse(null);
        List<Action> actions = new ArrayList<>();
        if (s.paused()) {
            boolean rewindPending = s.rewind.state().isNeeded() && s.rewindOrReinitializeAllowed();
            if (!rewindPending || s.unlocked()) {
                if (s.isPrimary()) {
                    return Decision.of("continue to run as primary without lock", setRole(s, Role.PRIMARY));
                }
                if (s.agent.role() != Role.STANDBY_LEADER) {
                    actions.addAll(setRole(s, Role.REPLICA));
                }
                if (upstream == null) {
                    return Decision.of("no action. I am (" + s.me + ")", actions);
                }
            }
        } else if (s.isPrimary()) {
            s.rewind.arm();
            return Decision.of(demoteReason, Action.Demote.of(DemoteMode.IMMEDIATE_NOLOCK));
        }
        Decision rewind = Rewinding.ifNeeded(s);
        if (rewind != null) {
            return rewind.isFinal() ? rewind.prepend(actions) : rewind;
        }
        Role role = upstream != null && upstream.remote() && holdsLock(s) ? Role.STANDBY_LEADER : Role.REPLICA;
        if (s.global.standbyCluster() && role == Role.REPLICA && (upstream == null || !Situation.notEmpty(upstream.connUrl()))) {
            // the leader key may name a member without a key: keep the recovery configuration as it is
            return Decision.of("continue following the old known standby leader", actions);
        }
        if (!Objects.equals(upstream, s.pg.upstream())) {
            // the role PostgreSQL had for Patroni's follow(): a paused node was just told it is a replica
            Role before = actions.contains(new Action.SetRole(Role.REPLICA)) ? Role.REPLICA : s.agent.role();
            if (!actions.contains(new Action.SetRole(role))) {
                actions.addAll(setRole(s, role));
            }
            actions.add(new Action.Follow(upstream, upstream == null ? null : s.slotFor(upstream),
                    RoleChange.announced(before, role)));
            s.rewind.arm();
        } else if (role == Role.STANDBY_LEADER && s.agent.role() != Role.STANDBY_LEADER) {
            actions.add(new Action.SetRole(Role.STANDBY_LEADER));
            actions.add(new Action.AnnounceRoleChange());
        } else if (behindLeaderTimeline(s)) {
            s.rewind.arm();
            Decision diverged = Rewinding.ifNeeded(s);
            if (diverged != null) {
                return diverged.isFinal() ? diverged.prepend(actions) : diverged;
            }
        }
        return Decision.of(followReason, actions);
    }

    /** The view names me as renewed leader, or I just won the race (the view is not re-read). */
    private static boolean holdsLock(Situation s) {
        return s.hasLock() || s.outcomes.leaderAcquire() == LockResult.SUCCEEDED;
    }

    private static boolean behindLeaderTimeline(Situation s) {
        Long mine = s.pg.timeline();
        Integer leaders = s.leaderMember().map(m -> m.timeline()).orElse(null);
        return mine != null && leaders != null && mine < leaders;
    }

    private static List<Action> setRole(Situation s, Role role) {
        return s.agent.role() == role ? List.of() : List.of(new Action.SetRole(role));
    }
}
