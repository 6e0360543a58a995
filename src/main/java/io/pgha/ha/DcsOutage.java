package io.pgha.ha;

import io.pgha.ha.Action.DemoteMode;

/**
 * The cycle could not read the view, or a leader write hit a DCS error (ha-loop.md §5.1, §7.1): a
 * running primary demotes offline so it stops taking writes before its lease can expire; everyone else
 * keeps doing what it does. Failsafe mode (§7.2) is not implemented: a primary always demotes.
 */
final class DcsOutage {
    static final String NOT_ACCESSIBLE = "DCS is not accessible";

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
            s.rewind.arm();
            return Decision.of("demoted self because DCS is not accessible and I was a leader",
                    Action.Demote.of(DemoteMode.OFFLINE));
        }
        return Decision.of(NOT_ACCESSIBLE);
    }
}
