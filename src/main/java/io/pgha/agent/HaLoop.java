package io.pgha.agent;

import io.pgha.api.NodeState;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.DcsException;
import io.pgha.ha.Action;
import io.pgha.ha.AsyncTask;
import io.pgha.ha.ClusterSettings;
import io.pgha.ha.Decision;
import io.pgha.ha.HaDecider;
import io.pgha.ha.HaInput;
import io.pgha.ha.HaSettings;
import io.pgha.ha.LocalState;
import io.pgha.ha.Timings;
import io.pgha.postgres.PostgresException;
import java.time.Duration;
import java.time.Instant;

/**
 * The HA cycle (ha-loop.md §4, package-info of io.pgha.ha): read the view, look at PostgreSQL, decide,
 * answer the probes, execute, keep the slots, publish the node state; then wait {@code loop_wait} or
 * less when woken by the watch or a finished task (§2.2).
 */
final class HaLoop {
    private static final System.Logger LOG = System.getLogger(HaLoop.class.getName());
    private static final int MAX_PROBES = 12;
    private static final Duration REPLICA_HEAD_START = Duration.ofMillis(500);
    private static final Duration COALESCE = Duration.ofMillis(50);
    private static final long COALESCE_STEP_MILLIS = 5;

    private final AgentParts parts;
    private final ProbeAnswers probes;
    private final ActionExecutor executor;
    private final SlotKeeper slots;
    private final StatePublisher publisher;
    private final Maintenance maintenance;
    private final SyncDuties duties;
    private final DynamicConfigCache dynamicCache;
    private final Object signal = new Object();
    private boolean woken;
    private Cluster lastLocked;
    /** The last reason the view could not be read, logged once per change (loop thread only). */
    private String lastViewProblem;
    /** A configuration change or reload not yet written to PostgreSQL (a task was running). */
    private boolean reconfigure;

    HaLoop(AgentParts parts, StatePublisher publisher, Maintenance maintenance, DynamicConfigCache dynamicCache) {
        this.maintenance = maintenance;
        this.dynamicCache = dynamicCache;
        this.parts = parts;
        this.probes = new ProbeAnswers(parts);
        this.executor = new ActionExecutor(parts, this::publishState);
        this.slots = new SlotKeeper(parts);
        this.publisher = publisher;
        this.duties = new SyncDuties(parts, () -> new DcsActions(parts).publishMember(parts.settings.dynamic().isPaused()));
    }

    /** The last decision's message, for {@link CycleListener}s (loop thread only). */
    private String lastMessage = "";

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** What one cycle left for the scheduler. */
    record Result(boolean runAgainAtOnce, Action.Fatal fatal, boolean followsLeader) {
    }

    /** One cycle; never throws for a failure of etcd or PostgreSQL. */
    Result cycle() {
        Instant now = Instant.now();
        Cluster view = null;
        String dcsError = null;
        try {
            view = parts.cache.view(parts.dcs.retryTimeout());
        } catch (DcsException e) {
            dcsError = e.getMessage();
            if (!dcsError.equals(lastViewProblem)) {
                LOG.log(System.Logger.Level.WARNING, "cannot read the cluster view: " + dcsError);
            }
        }
        lastViewProblem = dcsError;
        try {
            return decideAndAct(now, view, dcsError);
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, "Error communicating with PostgreSQL. Will try again later: " + e.getMessage());
        } catch (DcsException e) {
            LOG.log(System.Logger.Level.ERROR, "Error communicating with etcd. Will try again later: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected exception raised, please report it as a BUG", e);
        }
        return new Result(false, null, false);
    }

    private Result decideAndAct(Instant now, Cluster view, String dcsError) {
        boolean reload = maintenance.applyRequestedReload();
        if (view != null) {
            if (parts.settings.apply(view) || reload) {
                reconfigure = true;
            }
            if (reconfigure) {
                reconfigure = !reconfigurePostgres(view);
            }
            if (!view.isUnlocked()) {
                lastLocked = view;
            }
            parts.failsafe.seen(view);
            parts.failsafe.cleared();
            view = io.pgha.ha.Failsafe.inject(view, parts.failsafe.injected(), now);
        }
        Timings timings = parts.settings.timings();
        parts.dcs.timings(timings.ttl(), timings.retryTimeoutDuration());
        parts.watchdog.timings(timings.ttl(), timings.loopWait());
        HaSettings settings = parts.settings.ha();
        AsyncTask task = parts.tasks.current();
        long t0 = System.nanoTime();
        LocalPostgres.Observation seen = parts.local.observe(now, task != null);
        if (parts.local.state() == io.pgha.ha.PostgresState.RUNNING) {
            parts.callbacks.running(parts.callbackRole());
        }
        long t1 = System.nanoTime();
        LocalState local = withMemory(seen.facts(), parts.memory.snapshot(task))
                .watchdogFailed(parts.watchdog.failedForLeader(timings.ttl(), timings.loopWait())).build();
        HaInput input = view != null ? HaInput.of(settings, view, lastLocked, local, now)
                : HaInput.dcsUnreachable(settings, dcsError, local, now);
        Cycle cycle = new Cycle(now, view, settings, timings, local, seen.status());
        Decision decision = HaDecider.decide(input);
        for (int asked = 0; !decision.isFinal(); asked++) {
            if (asked == MAX_PROBES) {
                throw new IllegalStateException("no final decision after " + MAX_PROBES + " probes: " + decision);
            }
            Action.Probe probe = decision.probe().orElseThrow();
            long asking = System.nanoTime();
            input = input.withOutcomes(probes.answer(probe, cycle, input.outcomes()));
            LOG.log(System.Logger.Level.DEBUG, () -> probe.getClass().getSimpleName() + " answered in "
                    + (System.nanoTime() - asking) / 1_000_000 + " ms");
            decision = HaDecider.decide(input);
        }
        long t2 = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, decision.message());
        lastMessage = decision.message();
        ActionExecutor.Outcome outcome = executor.execute(decision, cycle);
        LOG.log(System.Logger.Level.DEBUG, () -> String.format("cycle took %d ms: view %d, PostgreSQL %d, decision and probes %d,"
                + " actions %d", millis(now), millis(now) - (System.nanoTime() - t0) / 1_000_000, (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000));
        disarmWatchdogUnlessLeading(view);
        if (outcome.fatal() == null && !parts.memory.shuttingDown()) {
            maintenance.evaluateScheduledRestart(now, view, seen.status());
        }
        AsyncTask running = parts.tasks.current();
        if (running == null || running.kind() == AsyncTask.Kind.PROMOTE) {
            slots.sync(view, local.postgres());
        }
        publishState(cycle);
        boolean follower = view != null && !view.isUnlocked() && !view.leader().name().equals(parts.name())
                && running == null;
        return new Result(outcome.runAgainAtOnce(), outcome.fatal(), follower);
    }

    /**
     * Replaces the state the REST API serves: at the end of every cycle, and before the member key is
     * written (the slot work after it can take a second, while a peer already acts on the key).
     */
    private void publishState(Cycle cycle) {
        publisher.publish(cycle.view(), cycle.settings(),
                cycle.view() == null ? null : ClusterSettings.from(cycle.view().config()));
    }

    /**
     * Cycles until {@code stopping} says so or a decision is fatal; returns that fatal action, or null.
     */
    Action.Fatal run(java.util.function.BooleanSupplier stopping, CycleListener afterCycle) {
        Instant nextRun = Instant.now();
        while (!stopping.getAsBoolean()) {
            Result result = cycle();
            saveDynamicConfig();
            afterCycle.cycleEnded(lastMessage);
            if (result.fatal() != null) {
                return result.fatal();
            }
            nextRun = await(nextRun.plus(parts.settings.timings().loopWaitDuration()), result);
        }
        return null;
    }

    /**
     * After the cycle, as Patroni: the dynamic configuration in force goes to patroni.dynamic.json when it
     * changed, unless the data directory is not initialised (initdb and base backups need it empty). Not
     * while a task runs either: a reinitialize or clone may be emptying the directory; the next cycle
     * writes what changed meanwhile.
     */
    private void saveDynamicConfig() {
        if (parts.memory.role() != io.pgha.ha.Role.UNINITIALIZED && parts.tasks.current() == null) {
            dynamicCache.save(parts.settings.dynamic().data());
        }
    }

    /**
     * A changed /config or a reload changed PostgreSQL's settings: rewrite its files and reload a running
     * server. False when a task owns the server: then the next cycle tries again. A stopped server gets
     * the new files when it starts.
     */
    private boolean reconfigurePostgres(Cluster view) {
        var postgres = parts.postgres();
        if (parts.tasks.current() != null) {
            return false;
        }
        if (!postgres.isRunning()) {
            return true;
        }
        var status = postgres.status();
        boolean replica = !Boolean.FALSE.equals(status.inRecovery());
        var upstream = parts.memory.upstream();
        String slot = upstream != null && ClusterSettings.from(view.config()).useSlots()
                ? io.pgha.ha.SlotNames.forMember(parts.name()) : null;
        if (upstream != null && upstream.remote()) {
            String remoteSlot = io.pgha.ha.StandbyClusterConfig.from(view.config()).primarySlotName();
            slot = slot == null || remoteSlot == null ? null : io.pgha.ha.SlotNames.forMember(remoteSlot);
        }
        LOG.log(System.Logger.Level.INFO, "the configuration changed; reloading PostgreSQL");
        postgres.writeConfiguration(replica ? io.pgha.postgres.PostgresRole.REPLICA : io.pgha.postgres.PostgresRole.PRIMARY,
                replica ? AgentParts.server(upstream, slot) : java.util.Optional.empty());
        postgres.reload();
        parts.callbacks.fire(Callbacks.Event.ON_RELOAD, parts.callbackRole());
        return true;
    }

    /**
     * The watchdog protects a leader running a primary only (ha-loop.md §18 "Disable"): once this node
     * lost the key, stepped down or is paused, it is disarmed. Without a view (etcd unreachable) it stays
     * as it is: no renewal means no keep-alive, which is what makes it fire.
     */
    private void disarmWatchdogUnlessLeading(Cluster view) {
        if (!parts.watchdog.isActive() || view == null) {
            return;
        }
        AsyncTask task = parts.tasks.current();
        boolean promoting = task != null && task.kind() == AsyncTask.Kind.PROMOTE;
        if (!parts.memory.holdsLeaderKey() || view.isPaused() || !parts.memory.role().isPrimaryLike() && !promoting) {
            parts.watchdog.disable();
        }
    }

    private static long millis(Instant since) {
        return Duration.between(since, Instant.now()).toMillis();
    }

    /** The agent's last decision (ha-loop.md §22); the task was cancelled before. */
    void shutdownCycle() {
        parts.memory.shuttingDown(true);
        Result result = duties.leaveThen(this::cycle);
        if (result.fatal() != null) {
            LOG.log(System.Logger.Level.ERROR, result.fatal().message());
        }
    }

    /**
     * Waits until the next cycle is due ({@code loop_wait} after the previous start, plus a replica's
     * head start) or something wakes the loop, keeping the lease alive meanwhile when it is due
     * ({@link DcsSession#leaseRefreshDue}). Returns the start time of the next cycle.
     */
    Instant await(Instant nextRun, Result last) {
        Instant now = Instant.now();
        if (last.runAgainAtOnce()) {
            return now;
        }
        if (!nextRun.isAfter(now)) {
            LOG.log(System.Logger.Level.WARNING, "Loop time exceeded, rescheduling immediately.");
            return now;
        }
        Duration nap = Duration.between(now, nextRun);
        if (last.followsLeader()) {
            nap = nap.plus(REPLICA_HEAD_START);
        }
        long deadline = System.nanoTime() + nap.toNanos();
        while (true) {
            Instant leaseDue = parts.dcs.leaseRefreshDue();
            long untilLease = leaseDue == null ? Long.MAX_VALUE : Duration.between(Instant.now(), leaseDue).toNanos();
            if (untilLease <= 0) {
                parts.dcs.refreshLease();
                continue;
            }
            synchronized (signal) {
                if (!woken) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return nextRun;
                    }
                    try {
                        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(signal, Math.min(left, untilLease));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return Instant.now();
                    }
                }
                if (woken) {
                    woken = false;
                    break;
                }
            }
        }
        // a writer's next key often follows within milliseconds (a Patroni leader puts /status, then
        // deletes its key): look once both are in the view rather than twice; a vanished leader key
        // (pgha releases it together with /status) is looked at at once
        long until = System.nanoTime() + COALESCE.toNanos();
        while (parts.cache.hasLeaderKey() && System.nanoTime() < until) {
            try {
                Thread.sleep(COALESCE_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Instant.now();
    }

    private LocalState.Builder withMemory(LocalState.Builder facts, LocalState.Agent agent) {
        return facts.role(agent.role()).holdsLeaderKey(agent.holdsLeaderKey())
                .lastLeaderRenewal(agent.lastLeaderRenewal()).task(agent.task()).bootstrapping(agent.bootstrapping())
                .bootstrapResult(agent.bootstrapResult()).recovering(agent.recovering())
                .startTimeout(agent.startTimeout()).crashRecoveryStartedAt(agent.crashRecoveryStartedAt())
                .rewindState(agent.rewindState()).announced(agent.announced()).shuttingDown(agent.shuttingDown())
                .upstream(parts.memory.upstream());
    }
}
