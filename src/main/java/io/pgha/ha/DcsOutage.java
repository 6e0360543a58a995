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
        if (s.isPrimary()) {
            s.rewind.arm();
            return Decision.of("demoted self because DCS is not accessible and I was a leader",
                    Action.Demote.of(DemoteMode.OFFLINE));
        }
        return Decision.of(NOT_ACCESSIBLE);
    }
}
