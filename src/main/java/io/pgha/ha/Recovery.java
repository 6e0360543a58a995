package io.pgha.ha;

import io.pgha.ha.Action.DemoteMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL is not running (ha-loop.md §5.3, §13): the lock holder restarts its crashed primary within
 * {@code primary_start_timeout}, or hands over right away when that is 0; others recover, rewind if
 * diverged and start as replicas. Also the look back at a start attempt (POST-RECOVER).
 */
final class Recovery {
    private static final Set<String> PRIMARY_WAS_UP = Set.of("in production", "in crash recovery", "shutting down",
            "shut down");
    private static final Set<String> UNCLEAN_PRIMARY = Set.of("in production", "shutting down", "in crash recovery");

    private Recovery() {
    }

    /** Step 9; null when the start worked (or a rewind is pending) and the cycle goes on. */
    static Decision afterStartAttempt(Situation s) {
        s.carry(new Action.ForgetStartAttempt());
        if (!s.rewind.state().isNeeded() && !s.pg.running()) {
            if (s.viewSaysLeader()) {
                List<Action> actions = new ArrayList<>();
                if (s.agent.role() == Role.PRIMARY || s.agent.role() == Role.STANDBY_LEADER) {
                    actions.add(new Action.SetRole(Role.DEMOTED));
                }
                actions.add(new Action.ReleaseLeaderLock(false));
                return Decision.of("removed leader key after trying and failing to start postgres", actions);
            }
            return Decision.of("failed to start postgres");
        }
        if (s.agent.crashRecoveryStartedAt() != null) {
            s.carry(new Action.ResetCrashRecovery());
        }
        if (s.rewind.state().executed() && !s.rewind.state().failed()) {
            s.rewind.reset();
        }
        return null;
    }

    /** Step 11: PostgreSQL is not running. */
    static Decision recover(Situation s) {
        if (s.paused()) {
            if (s.viewSaysLeader()) {
                return Decision.of("removed leader lock because postgres is not running",
                        new Action.ReleaseLeaderLock(false));
            }
            RewindState rewind = s.rewind.state();
            if (rewind.failed() || (!rewind.executed() && !(rewind.isNeeded() && s.rewindOrReinitializeAllowed()))) {
                return Decision.of("postgres is not running");
            }
        }
        Duration timeout = null;
        if (s.viewSaysLeader()) {
            LockResult renewal = s.outcomes.leaderUpdate();
            if (renewal == null) {
                return Decision.ask(new Action.UpdateLeaderLock());
            }
            if (renewal == LockResult.SUCCEEDED) {
                timeout = s.global.primaryStartTimeout();
                if (timeout.isZero()) {
                    Verdict possible = s.ranking().failoverPossible(0, false);
                    if (possible.isUndecided()) {
                        return possible.ask();
                    }
                    if (possible.isYes()) {
                        s.rewind.arm();
                        return Decision.of("stopped PostgreSQL to fail over after a crash",
                                Action.Demote.of(DemoteMode.IMMEDIATE));
                    }
                }
            }
        }
        String control = s.pg.controlState();
        if (timeout != null && !timeout.isZero() && control != null && PRIMARY_WAS_UP.contains(control)
                && s.pg.state().countsAsCrashed() && s.agent.role() == Role.PRIMARY && !s.pg.recoveryConfigured()) {
            String task = "starting primary after failure";
            return Decision.of(task, new Action.StartPostgres(Role.PRIMARY, null, null, timeout, task));
        }
        if (control != null && UNCLEAN_PRIMARY.contains(control) && !s.pg.restoredFromBackup()) {
            Decision recovery = crashRecovery(s);
            if (recovery != null) {
                return recovery;
            }
        }
        String task = "restarting after failure";
        if (s.global.standbyCluster()) {
            return StandbyCluster.start(s, timeout, task);
        }
        if (s.hasLock()) {
            s.rewind.reset();
            return Decision.of("starting as readonly because i had the session lock",
                    new Action.StartPostgres(Role.REPLICA, null, null, timeout, task));
        }
        if (!s.rewind.state().executed()) {
            s.rewind.arm();
        }
        Decision rewind = Rewinding.ifNeeded(s);
        if (rewind != null) {
            return rewind;
        }
        Upstream upstream = s.upstream().orElse(null);
        return Decision.of("starting as a secondary",
                new Action.StartPostgres(Role.REPLICA, upstream, upstream == null ? null : s.slotFor(upstream), timeout, task));
    }

    /** Single-user crash recovery, once per start, when the cluster is unlocked or a rewind may follow. */
    static Decision crashRecovery(Situation s) {
        if (s.agent.crashRecoveryStartedAt() == null && (s.unlocked() || s.rewindUsable())) {
            return Decision.of("doing crash recovery in a single user mode", new Action.CrashRecovery());
        }
        return null;
    }
}
