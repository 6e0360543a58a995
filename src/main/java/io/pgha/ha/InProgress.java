package io.pgha.ha;

import io.pgha.ha.Action.DemoteMode;
import io.pgha.ha.AsyncTask.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cycles during a background task (ha-loop.md §5.8) and while PostgreSQL is still starting (§5.9):
 * the leader keeps renewing its lock and gives up when a start or crash recovery outlasts
 * {@code primary_start_timeout} and someone else can take over; a node that lost the lock stops
 * whatever would make it a primary.
 */
final class InProgress {
    private InProgress() {
    }

    static Decision duringTask(Situation s) {
        AsyncTask task = s.agent.task();
        if (s.viewSaysLeader()) {
            LockResult renewal = s.outcomes.leaderUpdate();
            if (renewal == null) {
                return Decision.ask(new Action.UpdateLeaderLock());
            }
            if (renewal == LockResult.SUCCEEDED) {
                if (task.kind() == Kind.CRASH_RECOVERY && timedOut(s, s.agent.crashRecoveryStartedAt())) {
                    Verdict possible = s.ranking().failoverPossible(0, false);
                    if (possible.isUndecided()) {
                        return possible.ask();
                    }
                    if (possible.isYes()) {
                        s.rewind.arm();
                        return Decision.of("terminated crash recovery because of startup timeout",
                                new Action.CancelTask(), Action.Demote.of(DemoteMode.IMMEDIATE));
                    }
                }
                return Decision.of("updated leader lock during " + task.name());
            }
        }
        if (!s.agent.bootstrapping() && !s.paused()) {
            if (task.kind() == Kind.PROMOTE && !task.critical()) {
                return Decision.of("lost leader before promote", new Action.CancelTask());
            }
            if (s.agent.role() == Role.PRIMARY) {
                List<Action> actions = new ArrayList<>();
                if (task.kind() == Kind.RESTART || task.kind() == Kind.START_PRIMARY_AFTER_FAILURE) {
                    actions.add(new Action.CancelTask());
                }
                actions.add(Action.Demote.of(DemoteMode.IMMEDIATE_NOLOCK));
                s.rewind.arm();
                return Decision.of("lost leader lock during " + task.name(), actions);
            }
        }
        return Decision.of(task.name() + " in progress");
    }

    /** Null when PostgreSQL is not starting (or paused): the cycle goes on. */
    static Decision whileStarting(Situation s) {
        if (!s.pg.state().isStarting() || s.paused() || !s.viewSaysLeader()) {
            return null;
        }
        LockResult renewal = s.outcomes.leaderUpdate();
        if (renewal == null) {
            return Decision.ask(new Action.UpdateLeaderLock());
        }
        if (renewal != LockResult.SUCCEEDED) {
            s.rewind.arm();
            return Decision.of("stopped PostgreSQL while starting up because leader key was lost",
                    Action.Demote.of(DemoteMode.IMMEDIATE_NOLOCK));
        }
        Duration timeout = s.agent.startTimeout() == null || s.agent.startTimeout().isZero()
                ? s.global.primaryStartTimeout() : s.agent.startTimeout();
        Duration left = timeout.minus(s.since(s.pg.stateSince()));
        if (left.isNegative() || left.isZero()) {
            Verdict possible = s.ranking().failoverPossible(0, false);
            if (possible.isUndecided()) {
                return possible.ask();
            }
            if (possible.isYes()) {
                s.rewind.arm();
                return Decision.of("stopped PostgreSQL because of startup timeout",
                        Action.Demote.of(DemoteMode.IMMEDIATE));
            }
            return Decision.of("primary start has timed out, but continuing to wait because failover is not possible");
        }
        Decision manual = ManualFailover.onLeader(s);
        if (manual != null) {
            return manual;
        }
        return Decision.of(String.format(Locale.ROOT, "PostgreSQL is still starting up, %.0f seconds until timeout",
                left.toMillis() / 1000.0));
    }

    /** {@code primary_start_timeout} has passed since {@code since}. */
    private static boolean timedOut(Situation s, java.time.Instant since) {
        return since != null && !s.since(since).minus(s.global.primaryStartTimeout()).isNegative();
    }
}
