package io.pgha.ha;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The result of one decision: actions in execution order and the message Patroni would log for the
 * cycle (with {@code PAUSE: } in front while paused). A decision made of a single {@link Action.Probe}
 * is not final: execute the probe, record its outcome and decide again.
 */
public record Decision(List<Action> actions, String message) {

    public Decision {
        actions = List.copyOf(actions);
        long probes = actions.stream().filter(Action.Probe.class::isInstance).count();
        if (probes > 0 && actions.size() != 1) {
            throw new IllegalArgumentException("a probe must be the only action of a decision: " + actions);
        }
    }

    public static Decision of(String message, Action... actions) {
        return new Decision(List.of(actions), message);
    }

    public static Decision of(String message, List<Action> actions) {
        return new Decision(actions, message);
    }

    static Decision ask(Action.Probe probe) {
        return new Decision(List.of(probe), "waiting for " + probe.getClass().getSimpleName());
    }

    /** The probe to answer before the decision is final, if any. */
    public Optional<Action.Probe> probe() {
        return actions.size() == 1 && actions.get(0) instanceof Action.Probe p ? Optional.of(p) : Optional.empty();
    }

    public boolean isFinal() {
        return probe().isEmpty();
    }

    /** Whether an action of this type is part of the decision. */
    public boolean contains(Class<? extends Action> type) {
        return actions.stream().anyMatch(type::isInstance);
    }

    public <T extends Action> Optional<T> find(Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    Decision prepend(List<Action> before) {
        if (before.isEmpty()) {
            return this;
        }
        List<Action> all = new ArrayList<>(before);
        all.addAll(actions);
        return new Decision(all, message);
    }

    Decision withMessage(String value) {
        return new Decision(actions, value);
    }
}
