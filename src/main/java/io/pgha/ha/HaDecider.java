package io.pgha.ha;

import java.util.ArrayList;
import java.util.List;

/**
 * The entry point: one HA decision from one cycle's inputs (ha-loop.md §4). Pure: no I/O, no clock;
 * the same input always gives the same decision. See package-info for how the loop drives it.
 */
public final class HaDecider {
    private HaDecider() {
    }

    /**
     * Decides what this cycle does. When the result {@link Decision#probe() asks a probe}, execute it,
     * add its outcome with {@link HaInput#withOutcomes} and call again.
     */
    public static Decision decide(HaInput input) {
        Situation s = new Situation(input);
        return SafetyGuard.enforce(s, route(s));
    }

    /** The decision before the safety guard (tests check that the guard never has to act). */
    static Decision route(Situation s) {
        if (s.agent.shuttingDown()) {
            return Shutdown.decide(s);
        }
        if (s.cluster == null || s.outcomes.dcsFailed()) {
            return finish(s, DcsOutage.decide(s), false);
        }
        Decision decision = cycle(s);
        return decision.isFinal() ? finish(s, decision, !decision.contains(Action.Fatal.class)) : decision;
    }

    /** Steps 4–13 of the cycle, in Patroni's order. */
    private static Decision cycle(Situation s) {
        if (s.viewSaysLeader() && !Bootstrapping.validSysid(s.cluster.initialize())
                && Bootstrapping.validSysid(s.pg.sysid())) {
            s.carry(new Action.WriteInitialize(s.pg.sysid(), s.cluster.initialize() == null));
        }
        if (s.viewSaysLeader() && (s.cluster.config() == null || s.cluster.config().data().isEmpty())) {
            s.carry(new Action.WriteConfig());
        }
        if (s.agent.task() != null) {
            return InProgress.duringTask(s);
        }
        Decision decision = InProgress.whileStarting(s);
        if (decision != null) {
            return decision;
        }
        if (s.agent.bootstrapping()) {
            return Bootstrapping.afterBootstrap(s);
        }
        if (s.agent.recovering()) {
            decision = Recovery.afterStartAttempt(s);
            if (decision != null) {
                return decision;
            }
        }
        decision = Bootstrapping.checkDataDirectory(s);
        if (decision != null) {
            return decision;
        }
        if (!s.pg.running()) {
            return Recovery.recover(s);
        }
        if (s.unlocked()) {
            decision = LeaderRace.decide(s);
        } else if (s.viewSaysLeader()) {
            decision = LockHolder.decide(s);
        } else {
            decision = Following.followLeader(s);
        }
        return decision.isFinal() ? announce(s, decision) : decision;
    }

    /** Step 13: the first cycle that sees this PostgreSQL running settles in (and arms a replica's check). */
    private static Decision announce(Situation s, Decision decision) {
        if (s.agent.announced() || s.pg.state().isStarting() || startsTask(decision)) {
            return decision;
        }
        if (!s.isPrimary()) {
            s.rewind.arm();
        }
        List<Action> actions = new ArrayList<>(decision.actions());
        actions.add(new Action.MarkAnnounced());
        return Decision.of(decision.message(), actions);
    }

    private static boolean startsTask(Decision decision) {
        return decision.actions().stream().anyMatch(a -> a instanceof Action.Promote || a instanceof Action.Demote
                || a instanceof Action.RewindFrom || a instanceof Action.Reinitialize
                || a instanceof Action.StartPostgres || a instanceof Action.CloneFrom);
    }

    /** Memory first (so a fast task cannot be overwritten), carried actions, the decision, then publish. */
    private static Decision finish(Situation s, Decision decision, boolean publish) {
        List<Action> actions = new ArrayList<>();
        s.rewind.change().ifPresent(actions::add);
        actions.addAll(s.carried());
        actions.addAll(decision.actions());
        if (publish && (actions.isEmpty() || !(actions.get(actions.size() - 1) instanceof Action.PublishMember))) {
            actions.add(new Action.PublishMember());
        }
        String message = s.paused() ? "PAUSE: " + decision.message() : decision.message();
        return Decision.of(message, actions);
    }
}
