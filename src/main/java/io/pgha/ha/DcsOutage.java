package io.pgha.ha;

import io.pgha.ha.Action.DemoteMode;

/**
 * The cycle could not read the view, or a leader write hit a DCS error (ha-loop.md §5.1, §7.1): a
 * running primary demotes offline so it stops taking writes before its lease can expire, unless
 * failsafe mode is on and every member of the last {@code /failsafe} confirms it by answering
 * {@code POST /failsafe} (§7.2); everyone else keeps doing what it does.
 */
final class DcsOutage {
    static final String NOT_ACCESSIBLE = "DCS is not accessible";
    static final String FAILSAFE_CONTINUES =
            "continue to run as a leader because failsafe mode is enabled and all members are accessible";

    private DcsOutage() {
    }

    static Decision decide(Situation s) {
        if (s.paused() || !s.pg.running()) {
            return Decision.of(NOT_ACCESSIBLE);
        }
        AsyncTask task = s.agent.task();
        if (task != null && task.kind() == AsyncTask.Kind.DEMOTE) {
            // the graceful demotion already stops PostgreSQL and restarts it following a fresh view; an
            // offline demotion on top of it would race it for the data directory and start without upstream
            return Decision.of(NOT_ACCESSIBLE + "; " + task.name() + " in progress");
        }
        if (s.isPrimary()) {
            if (s.global.failsafeMode()) {
                Boolean confirmed = s.outcomes.failsafe();
                if (confirmed == null) {
                    return Decision.ask(new Action.ConfirmFailsafe());
                }
                if (confirmed) {
                    return Decision.of(FAILSAFE_CONTINUES);
                }
            }
            s.rewind.arm();
            return Decision.of("demoted self because DCS is not accessible and I was a leader",
                    Action.Demote.of(DemoteMode.OFFLINE));
        }
        return Decision.of(NOT_ACCESSIBLE);
    }
}
