package io.pgha.ha;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the agent loop for a test: answers probes from a script and drives the decider until the
 * decision is final, recording which probes were asked.
 */
final class World {
    private LockResult leaderUpdate = LockResult.SUCCEEDED;
    private LockResult leaderAcquire = LockResult.SUCCEEDED;
    private LockResult initializeRace = LockResult.SUCCEEDED;
    private Divergence divergence = Divergence.NOT_NEED;
    private final Map<String, PeerStatus> peers = new LinkedHashMap<>();
    private boolean failsafe;

    static World world() {
        return new World();
    }

    World leaderUpdate(LockResult value) {
        leaderUpdate = value;
        return this;
    }

    World leaderAcquire(LockResult value) {
        leaderAcquire = value;
        return this;
    }

    World initializeRace(LockResult value) {
        initializeRace = value;
        return this;
    }

    World divergence(Divergence value) {
        divergence = value;
        return this;
    }

    /** What {@link Action.ConfirmFailsafe} answers (false unless set). */
    World failsafe(boolean value) {
        failsafe = value;
        return this;
    }

    World peer(PeerStatus status) {
        peers.put(status.name(), status);
        return this;
    }

    Run run(HaInput input) {
        List<Action.Probe> asked = new ArrayList<>();
        HaInput current = input;
        for (int i = 0; i < 10; i++) {
            Decision decision = HaDecider.decide(current);
            if (decision.isFinal()) {
                return new Run(asked, decision, current);
            }
            Action.Probe probe = decision.probe().orElseThrow();
            if (asked.contains(probe)) {
                throw new AssertionError("the decider asked " + probe + " twice");
            }
            asked.add(probe);
            current = current.withOutcomes(answer(probe, current.outcomes()));
        }
        throw new AssertionError("no final decision after 10 probes: " + asked);
    }

    private Outcomes answer(Action.Probe probe, Outcomes outcomes) {
        if (probe instanceof Action.UpdateLeaderLock) {
            return outcomes.withLeaderUpdate(leaderUpdate);
        }
        if (probe instanceof Action.AcquireLeaderLock) {
            return outcomes.withLeaderAcquire(leaderAcquire);
        }
        if (probe instanceof Action.TakeInitializeKey) {
            return outcomes.withInitializeRace(initializeRace);
        }
        if (probe instanceof Action.ConfirmFailsafe) {
            return outcomes.withFailsafe(failsafe);
        }
        if (probe instanceof Action.CheckDivergence) {
            return outcomes.withDivergence(divergence);
        }
        Action.FetchPeerStatuses fetch = (Action.FetchPeerStatuses) probe;
        return outcomes.withPeers(fetch.peers().stream()
                .map(p -> peers.getOrDefault(p.name(), PeerStatus.unreachable(p.name()))).toList());
    }

    /** One cycle: the probes asked, in order, and the final decision. */
    record Run(List<Action.Probe> probes, Decision decision, HaInput finalInput) {
        boolean asked(Class<? extends Action.Probe> type) {
            return probes.stream().anyMatch(type::isInstance);
        }

        boolean does(Class<? extends Action> type) {
            return decision.contains(type);
        }

        <T extends Action> T the(Class<T> type) {
            return decision.find(type).orElseThrow(() -> new AssertionError("no " + type.getSimpleName()
                    + " in " + decision.actions() + " (" + decision.message() + ")"));
        }

        String message() {
            return decision.message();
        }

        List<Action> actions() {
            return decision.actions();
        }
    }
}
