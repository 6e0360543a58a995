package io.pgha.ha;

import io.pgha.dcs.HistoryEntry;
import io.pgha.ha.Action.DemoteMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The view says I hold the leader key (ha-loop.md §5.5): renew it every cycle; once renewed, handle a
 * pending switchover, then make sure PostgreSQL is (or becomes) the primary (§8). A failed renewal
 * demotes a running primary at once: another node may already hold the key.
 */
final class LockHolder {
    private LockHolder() {
    }

    static Decision decide(Situation s) {
        if (s.paused() && !s.isPrimary()) {
            if (s.me.equals(s.failover().member())) {
                return Decision.of("waiting to become primary after promote...");
            }
            if (!s.global.standbyCluster()) {
                return Decision.of("removed leader lock because postgres is not running as primary",
                        new Action.ReleaseLeaderLock(false));
            }
        }
        LockResult renewal = s.outcomes.leaderUpdate();
        if (renewal == null) {
            return Decision.ask(new Action.UpdateLeaderLock());
        }
        if (renewal != LockResult.SUCCEEDED) {
            if (s.isPrimary()) {
                if (s.paused()) {
                    return Decision.of("continue to run as primary after failing to update leader lock in DCS");
                }
                s.rewind.arm();
                return Decision.of("demoted self because failed to update leader lock in DCS",
                        Action.Demote.of(DemoteMode.IMMEDIATE_NOLOCK));
            }
            return Decision.of("not promoting because failed to update leader lock in DCS");
        }
        if (s.pg.walPosition() != null) {
            s.carry(new Action.WriteStatus(s.pg.walPosition()));
        }
        Failsafe.topology(s).ifPresent(s::carry);
        Decision manual = ManualFailover.onLeader(s);
        if (manual != null) {
            return manual;
        }
        if (s.global.standbyCluster()) {
            return StandbyCluster.lockHolder(s);
        }
        return enforcePrimary(s, "no action. I am (" + s.me + "), the leader with the lock",
                "promoted self to leader because I had the session lock");
    }

    /**
     * ENFORCE-PRIMARY (§8) for a node holding a freshly renewed or acquired lock: nothing to do for a
     * primary (except /history), wait for a running promote, otherwise promote.
     */
    static Decision enforcePrimary(Situation s, String message, String promoteMessage) {
        List<Action> actions = new ArrayList<>();
        if (!s.paused()) {
            if (s.agent.watchdogFailed()) {
                if (s.isPrimary()) {
                    s.rewind.arm();
                    return Decision.of("Demoting self because watchdog could not be activated",
                            Action.Demote.of(DemoteMode.IMMEDIATE));
                }
                return Decision.of("Not promoting self because watchdog could not be activated",
                        new Action.ReleaseLeaderLock(false));
            }
            actions.add(new Action.ActivateWatchdog());
        }
        if (s.isPrimary()) {
            if (s.agent.role() != Role.PRIMARY) {
                actions.add(new Action.SetRole(Role.PRIMARY));
            }
            if (s.manageSync()) {
                actions.add(new Action.ManageSync());
            }
            if (historyOutdated(s)) {
                actions.add(new Action.UpdateHistory(s.pg.timeline()));
            }
            return Decision.of(message, actions);
        }
        if (s.agent.role().isPrimaryLike()) {
            return Decision.of(message, actions);
        }
        s.rewind.reset();
        if (s.manageSync()) {
            actions.add(new Action.PrepareSyncForPromotion());
        }
        actions.add(new Action.Promote());
        return Decision.of(promoteMessage, actions);
    }

    /** /history must say "[]" on timeline 1 and end with a complete entry for timeline − 1 otherwise. */
    private static boolean historyOutdated(Situation s) {
        Long timeline = s.pg.timeline();
        if (timeline == null) {
            return false;
        }
        List<HistoryEntry> history = s.cluster.history() == null ? List.of() : s.cluster.history();
        if (timeline == 1) {
            return !history.isEmpty();
        }
        if (history.isEmpty()) {
            return true;
        }
        HistoryEntry last = history.get(history.size() - 1);
        return last.timeline() != timeline - 1 || last.timestamp() == null || last.newLeader() == null;
    }
}
