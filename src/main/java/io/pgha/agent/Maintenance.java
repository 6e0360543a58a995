package io.pgha.agent;

import io.pgha.api.MaintenanceControl;
import io.pgha.config.ConfigException;
import io.pgha.config.PatroniConfig;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.ha.AsyncTask;
import io.pgha.ha.ClusterSettings;
import io.pgha.ha.PostgresState;
import io.pgha.ha.ReinitializeRules;
import io.pgha.ha.RestartFilters;
import io.pgha.ha.RestartRules;
import io.pgha.ha.Role;
import io.pgha.ha.ScheduledRestart;
import io.pgha.ha.ScheduledRestartVerdict;
import io.pgha.ha.SlotNames;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.StopMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The maintenance operations of the REST API and SIGHUP (rest-api.md §6.3–§6.6, ha-loop.md §19): restarts
 * now or at a scheduled time, re-initialisation of a replica, reload of the configuration. The decisions
 * come from {@link RestartRules} and {@link ReinitializeRules}; the long work runs in the single
 * background slot like every other task, so the HA loop keeps renewing the leader key meanwhile.
 */
final class Maintenance implements MaintenanceControl {
    private static final System.Logger LOG = System.getLogger(Maintenance.class.getName());
    private static final String RESTART = "restart";
    private static final String REINITIALIZE = "reinitialize";
    /** Beyond stop and start timeouts, before the REST answer gives up on a restart. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(30);

    private final AgentParts parts;
    private final ReplicaStart start;
    private final PostgresTasks tasks;
    private final Supplier<PatroniConfig> configSource;
    private final AtomicBoolean reloadRequested = new AtomicBoolean();
    private final SyncDuties duties;

    /** @param configSource reads patroni.yml (with PATRONI_* overrides) again on a reload; null: only re-apply */
    Maintenance(AgentParts parts, Supplier<PatroniConfig> configSource) {
        this.parts = parts;
        this.start = new ReplicaStart(parts);
        this.tasks = new PostgresTasks(parts, start);
        this.configSource = configSource;
        this.duties = new SyncDuties(parts, () -> new DcsActions(parts).publishMember(parts.settings.dynamic().isPaused()));
    }

    // ---- restart now

    @Override
    public RestartAnswer restart(RestartFilters filters, Duration timeout) {
        Optional<String> refusal = refusedByFilters(filters);
        if (refusal.isPresent()) {
            return new RestartAnswer(false, refusal.get());
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Duration startTimeout = startTimeout(timeout);
        Optional<String> busy = startRestart(startTimeout, done);
        if (busy.isPresent()) {
            return new RestartAnswer(false, busy.get());
        }
        Duration wait = parts.postgres().settings().pgCtlTimeout().plus(startTimeout).plus(ANSWER_MARGIN);
        try {
            Boolean result = done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (result == null) {
                return new RestartAnswer(false, "postgres is still starting");
            }
            return result ? new RestartAnswer(true, "restarted successfully") : new RestartAnswer(false, "restart failed");
        } catch (TimeoutException e) {
            return new RestartAnswer(false, "postgres is still starting");
        } catch (ExecutionException e) {
            return new RestartAnswer(false, "restart failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RestartAnswer(false, "restart failed");
        }
    }

    /** ha-loop.md §19.1 conditions against the server as it is now; Patroni's REST text when refused. */
    private Optional<String> refusedByFilters(RestartFilters filters) {
        LocalPostgresStatus status = parts.local.currentStatus();
        Optional<String> reason = RestartRules.mismatch(filters, role(status), status.serverVersion(),
                status.isPendingRestart());
        reason.ifPresent(why -> LOG.log(System.Logger.Level.INFO, "not proceeding with the restart: " + why));
        return reason.map(why -> RestartRules.CONDITIONS_NOT_SATISFIED);
    }

    private String role(LocalPostgresStatus status) {
        Role role = parts.memory.role();
        if (role == Role.STANDBY_LEADER) {
            return role.patroniName();
        }
        return status.role() != null ? status.role() : role.patroniName();
    }

    private Duration startTimeout(Duration requested) {
        return requested != null ? requested : ClusterSettings.from(parts.settings.dynamic()).primaryStartTimeout();
    }

    /**
     * Puts the restart into the background slot: checkpoint (a primary), fast stop, start in the same
     * role. {@code done} gets true when it accepts connections, null while still starting, false on failure.
     */
    private Optional<String> startRestart(Duration startTimeout, CompletableFuture<Boolean> done) {
        Optional<String> busy = RestartRules.busy(parts.tasks.current());
        if (busy.isPresent()) {
            return busy;
        }
        boolean started = parts.tasks.run(AsyncTask.of(AsyncTask.Kind.RESTART, RESTART, Instant.now()), () -> {
            try {
                done.complete(duties.leaveThen(() -> restartBody(startTimeout)));
            } finally {
                done.complete(false);
            }
        });
        return started ? Optional.empty() : RestartRules.busy(parts.tasks.current())
                .or(() -> Optional.of(RESTART + " already in progress"));
    }

    private Boolean restartBody(Duration startTimeout) {
        // the loop treats the restart like a start after a failure: a leader that does not come back
        // within the timeout gives up its key when someone else can take over (ha-loop.md §5.9)
        parts.memory.startAttempted(startTimeout);
        var postgres = parts.postgres();
        Role role = parts.memory.role();
        boolean primary = role.isPrimaryLike();
        parts.local.state(PostgresState.RESTARTING, Instant.now());
        LOG.log(System.Logger.Level.INFO, "restarting PostgreSQL");
        try {
            if (primary && postgres.isRunning()) {
                try {
                    postgres.checkpoint();
                } catch (PostgresException e) {
                    LOG.log(System.Logger.Level.WARNING, "checkpoint before the restart failed: " + e.getMessage());
                }
            }
            if (postgres.isRunning()) {
                postgres.stop(StopMode.FAST);
            }
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, "restart failed: " + e.getMessage());
            parts.local.state(PostgresState.RESTART_FAILED, Instant.now());
            return false;
        }
        String slot = primary || !ClusterSettings.from(parts.settings.dynamic()).useSlots() ? null
                : SlotNames.forMember(parts.name());
        parts.callbacks.expect(Callbacks.Event.ON_RESTART);
        boolean ok = start.start(primary ? Role.PRIMARY : Role.REPLICA, primary ? null : parts.memory.upstream(), slot,
                startTimeout);
        if (!ok) {
            parts.local.state(PostgresState.RESTART_FAILED, Instant.now());
            return false;
        }
        return parts.local.state() == PostgresState.RUNNING ? Boolean.TRUE : null;
    }

    // ---- scheduled restart

    @Override
    public boolean scheduleRestart(ScheduledRestart restart) {
        LocalPostgresStatus status = parts.local.currentStatus();
        ScheduledRestart stored = restart.withPostmasterStartTime(status.postmasterStartTime(),
                LocalPostgresStatus.formatTime(status.postmasterStartTime()));
        boolean done = parts.memory.scheduleRestart(stored);
        if (done) {
            LOG.log(System.Logger.Level.INFO, "restart scheduled at " + stored.published().get("schedule"));
            parts.wake.run();
        }
        return done;
    }

    @Override
    public boolean cancelScheduledRestart() {
        boolean done = parts.memory.cancelScheduledRestart();
        if (done) {
            LOG.log(System.Logger.Level.INFO, "scheduled restart deleted");
            parts.wake.run();
        }
        return done;
    }

    /**
     * Patroni's {@code evaluate_scheduled_restart}, after a cycle in which the cluster had a leader and
     * PostgreSQL ran: wait, forget, or start the restart in the background (then forget it).
     */
    void evaluateScheduledRestart(Instant now, Cluster view, LocalPostgresStatus status) {
        ScheduledRestart restart = parts.memory.scheduledRestart();
        if (restart == null || view == null || view.isUnlocked() || !status.isRunning()) {
            return;
        }
        ScheduledRestartVerdict verdict = RestartRules.evaluate(restart, now, parts.settings.timings().loopWaitDuration(),
                status.postmasterStartTime(), parts.tasks.current() != null, view.isPaused());
        switch (verdict.step()) {
            case NONE -> {
            }
            case WAIT -> LOG.log(System.Logger.Level.INFO, verdict.message());
            case DISCARD -> {
                LOG.log(System.Logger.Level.WARNING, verdict.message());
                forget(restart);
            }
            case RUN -> {
                try {
                    sleep(verdict.delay());
                    LOG.log(System.Logger.Level.INFO, verdict.message());
                    Optional<String> refusal = refusedByFilters(restart.filters())
                            .or(() -> startRestart(startTimeout(restart.timeout()), new CompletableFuture<>()));
                    LOG.log(System.Logger.Level.INFO, refusal.map(why -> "Scheduled restart: " + why)
                            .orElse("restart initiated"));
                } finally {
                    forget(restart);
                }
            }
        }
    }

    private void forget(ScheduledRestart restart) {
        if (parts.memory.cancelScheduledRestart(restart)) {
            parts.wake.run();
        }
    }

    // ---- reinitialize

    @Override
    public Optional<String> reinitialize(boolean force, boolean fromLeader) {
        if (force) {
            parts.tasks.cancel(Duration.ofSeconds(30));
        }
        Optional<Cluster> view = parts.freshView();
        if (view.isEmpty()) {
            return Optional.of("cannot read the cluster from etcd, can not reinitialize");
        }
        Optional<String> refusal = ReinitializeRules.refusal(view.get(), parts.name(), parts.memory.holdsLeaderKey(),
                parts.tasks.current());
        if (refusal.isPresent()) {
            return refusal;
        }
        Optional<Member> source = ReinitializeRules.source(view.get(), parts.name(), fromLeader);
        if (source.isEmpty() || source.get().connUrl() == null) {
            return Optional.of("no member to clone from, can not reinitialize");
        }
        String from = source.get().name();
        List<String> methods = ReinitializeRules.methods(view.get(), parts.settings.ha(), fromLeader);
        Instant now = Instant.now();
        Cycle cycle = new Cycle(now, view.get(), parts.settings.ha(), parts.settings.timings(), null, null);
        boolean started = parts.tasks.run(AsyncTask.of(AsyncTask.Kind.REINITIALIZE, REINITIALIZE, now), () -> {
            LOG.log(System.Logger.Level.INFO, "reinitializing from " + from);
            tasks.reinitialize(from, methods, cycle);
        });
        return started ? Optional.empty() : RestartRules.busy(parts.tasks.current())
                .or(() -> Optional.of(REINITIALIZE + " already in progress"));
    }

    // ---- reload

    @Override
    public void reload() {
        reloadRequested.set(true);
        parts.wake.run();
    }

    /**
     * Called by the loop at the start of a cycle: when a reload was asked for, reads the local
     * configuration again and applies it. True when PostgreSQL's configuration must be rewritten and
     * reloaded (always after a reload request, as Patroni reloads on SIGHUP).
     */
    boolean applyRequestedReload() {
        if (!reloadRequested.getAndSet(false)) {
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "reloading the configuration");
        if (configSource == null) {
            return true;
        }
        try {
            AgentConfig fresh = AgentConfig.from(configSource.get());
            if (!fresh.name().equals(parts.name()) || !fresh.keyspace().equals(parts.config.keyspace())) {
                LOG.log(System.Logger.Level.ERROR, "reload: name and scope cannot change while the agent runs;"
                        + " keeping the running configuration");
                return true;
            }
            parts.settings.reloadLocal(fresh);
            parts.watchdog.reload(io.pgha.agent.watchdog.WatchdogSettings.from(fresh.source().section("watchdog")));
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "reload failed, keeping the running configuration: " + e.getMessage());
        }
        return true;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
