package io.pgha.ha;

import java.util.Optional;

/** The rewind state as the rules of one decision move it; the change is handed to the agent as an action. */
final class RewindTracker {
    private final RewindState initial;
    private final boolean allowed;
    private RewindState state;

    RewindTracker(RewindState initial, boolean allowed) {
        this.initial = initial;
        this.allowed = allowed;
        this.state = initial;
    }

    RewindState state() {
        return state;
    }

    /** Arm a divergence check (Patroni's trigger_check_diverged_lsn); a no-op without rewind or reinit. */
    void arm() {
        if (allowed && state != RewindState.NEED) {
            state = RewindState.CHECK;
        }
    }

    void reset() {
        state = RewindState.INITIAL;
    }

    void record(Divergence divergence) {
        if (divergence == Divergence.NEED) {
            state = RewindState.NEED;
        } else if (divergence == Divergence.NOT_NEED) {
            state = RewindState.NOT_NEED;
        }
    }

    Optional<Action> change() {
        return state == initial ? Optional.empty() : Optional.of(new Action.SetRewindState(state));
    }
}
