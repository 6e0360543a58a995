package io.pgha.ha;

import java.util.List;

/**
 * The last line of defence against split brain: whatever the rules decided, nothing takes the leader key
 * or makes PostgreSQL a primary while another member holds the key, and nothing promotes without a lock
 * confirmed in this cycle. The rules never produce such a decision (tests check that); this guard keeps
 * a future bug from reaching PostgreSQL.
 */
final class SafetyGuard {
    private SafetyGuard() {
    }

    static Decision enforce(Situation s, Decision decision) {
        String violation = violation(s, decision.actions());
        if (violation == null) {
            return decision;
        }
        List<Action> safe = decision.actions().stream().filter(a -> !isPromoting(a)).toList();
        return Decision.of("refused to " + violation + " (bug: " + decision.message() + ")", safe);
    }

    /** What a decision would do that it must not, or null. */
    static String violation(Situation s, List<Action> actions) {
        boolean heldByOther = s.cluster != null && !s.cluster.isUnlocked() && !s.viewSaysLeader();
        boolean lockConfirmed = (s.viewSaysLeader() && s.outcomes.leaderUpdate() == LockResult.SUCCEEDED)
                || (s.cluster != null && s.cluster.isUnlocked() && s.outcomes.leaderAcquire() == LockResult.SUCCEEDED);
        for (Action action : actions) {
            if (!isPromoting(action)) {
                continue;
            }
            if (heldByOther) {
                return "promote while " + s.leaderName() + " holds the leader key";
            }
            if (action instanceof Action.Promote && !lockConfirmed) {
                return "promote without a confirmed leader lock";
            }
        }
        return null;
    }

    private static boolean isPromoting(Action action) {
        return action instanceof Action.Promote || action instanceof Action.AcquireLeaderLock
                || action instanceof Action.TakeLeaderKey
                || (action instanceof Action.StartPostgres start && start.role() == Role.PRIMARY);
    }
}
