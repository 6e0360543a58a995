package io.pgha.agent;

import io.pgha.ha.Action;
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
    private static final Duration LATE_PRIMARY_BUDGET = Duration.ofSeconds(1);

    private final AgentParts parts;
    private final DivergenceProbe divergence;

    ProbeAnswers(AgentParts parts) {
        this.parts = parts;
        this.divergence = new DivergenceProbe(parts);
    }

    Outcomes answer(Action.Probe probe, Cycle cycle, Outcomes outcomes) {
        if (probe instanceof Action.UpdateLeaderLock) {
            Instant last = cycle.local().agent().lastLeaderRenewal();
            Duration budget = cycle.timings().leaderUpdateBudget(last, Instant.now());
            if (budget.isZero()) {
                // Past the renewal deadline only etcd can say whether the key is still mine. A node that takes
                // no writes (demoted during a DCS outage) tries for retry_timeout, a primary whose cycle ran
                // late only briefly; answering "DCS error" without asking left a leader whose own lease kept
                // its key alive demoting itself every cycle, and the cluster without a primary for good.
                budget = cycle.local().postgres().isPrimary() ? LATE_PRIMARY_BUDGET
                        : cycle.timings().retryTimeoutDuration();
            }
            LockResult result = parts.dcs.updateLeader(cycle.view().leader(), budget);
            remember(result, cycle);
            if (result == LockResult.SUCCEEDED) {
                // the watchdog is kicked only by a renewed lease: a leader cut off from etcd stops kicking it
                parts.watchdog.keepalive();
            }
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
        if (probe instanceof Action.ConfirmFailsafe) {
            boolean confirmed = new FailsafeProbe(parts).confirm(cycle);
            if (confirmed) {
                // Patroni's _handle_dcs_error: the primary that failsafe mode keeps running keeps its watchdog
                // alive too; without the keep-alive the device would reset it while it rightly leads
                parts.watchdog.keepalive();
            }
            return outcomes.withFailsafe(confirmed);
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
