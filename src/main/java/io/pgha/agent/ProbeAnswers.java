package io.pgha.agent;

import io.pgha.ha.Action;
import io.pgha.ha.LocalState;
import io.pgha.ha.LockResult;
import io.pgha.ha.Outcomes;
import java.time.Duration;
import java.time.Instant;

/**
 * Answers the decider's probes (package-info "Driving it from the loop"): renew or race for the leader
 * key, race for {@code /initialize}, ask the other members' REST APIs, compare timelines. Each answer is
 * also remembered where the package documentation says so (holding the key, last renewal).
 */
final class ProbeAnswers {
    private final AgentParts parts;
    private final DivergenceProbe divergence;

    ProbeAnswers(AgentParts parts) {
        this.parts = parts;
        this.divergence = new DivergenceProbe(parts);
    }

    Outcomes answer(Action.Probe probe, Cycle cycle, Outcomes outcomes) {
        if (probe instanceof Action.UpdateLeaderLock) {
            Instant last = cycle.local().agent().lastLeaderRenewal();
            // the renewal deadline bounds how long a primary takes writes unrenewed; a leader already demoted
            // (offline, while etcd had no quorum) must still try, or it never takes its key back and the
            // cluster, whose key it keeps alive, stays without a primary for good
            LocalState.Postgres pg = cycle.local().postgres();
            Duration budget = pg.running() && !pg.inRecovery()
                    ? cycle.timings().leaderUpdateBudget(last, Instant.now()) : cycle.timings().retryTimeoutDuration();
            LockResult result = budget.isZero() ? LockResult.DCS_ERROR
                    : parts.dcs.updateLeader(cycle.view().leader(), budget);
            remember(result, cycle);
            return outcomes.withLeaderUpdate(result);
        }
        if (probe instanceof Action.AcquireLeaderLock) {
            LockResult result = parts.dcs.acquireLeader();
            remember(result, cycle);
            return outcomes.withLeaderAcquire(result);
        }
        if (probe instanceof Action.TakeInitializeKey) {
            return outcomes.withInitializeRace(parts.dcs.takeInitialize());
        }
        if (probe instanceof Action.FetchPeerStatuses fetch) {
            return outcomes.withPeers(parts.peers.fetch(fetch.peers()));
        }
        if (probe instanceof Action.CheckDivergence check) {
            return outcomes.withDivergence(divergence.check(check.leader(), cycle));
        }
        throw new IllegalArgumentException("no answer for probe " + probe);
    }

    private void remember(LockResult result, Cycle cycle) {
        if (result == LockResult.SUCCEEDED) {
            parts.memory.leaderKeyRenewed(cycle.now());
        } else if (result == LockResult.FAILED) {
            parts.memory.leaderKeyLost();
        }
    }
}
