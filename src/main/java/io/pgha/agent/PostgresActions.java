package io.pgha.agent;

import io.pgha.ha.Action;
import io.pgha.ha.AsyncTask;
import io.pgha.ha.AsyncTask.Kind;
import io.pgha.ha.PostgresState;
import io.pgha.ha.Role;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.PostgresRole;
import io.pgha.postgres.StopMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Executes the actions on the local PostgreSQL. Long ones go to the background slot
 * ({@link PostgresTasks}); the memory they promise to set when scheduled is set here, before the task
 * runs, so the next cycle sees it whatever the task's timing.
 */
final class PostgresActions {
    private static final System.Logger LOG = System.getLogger(PostgresActions.class.getName());
    private static final Map<String, Kind> START_KINDS = Map.of(
            "starting primary after failure", Kind.START_PRIMARY_AFTER_FAILURE,
            "restarting after failure", Kind.START_AFTER_FAILURE);

    private final AgentParts parts;
    private final PostgresTasks tasks;
    private final Demotion demotion;

    PostgresActions(AgentParts parts, DcsActions dcs) {
        this.parts = parts;
        ReplicaStart start = new ReplicaStart(parts);
        this.tasks = new PostgresTasks(parts, start);
        this.demotion = new Demotion(parts, dcs, start);
    }

    /** Null when {@code action} is not a PostgreSQL action; false when it failed. */
    Boolean execute(Action action, Cycle cycle) {
        Instant now = cycle.now();
        if (action instanceof Action.Bootstrap) {
            parts.memory.bootstrapping(true);
            return background(Kind.BOOTSTRAP, "bootstrap", now, tasks::bootstrap);
        }
        if (action instanceof Action.BootstrapStandbyLeader a) {
            parts.memory.bootstrapping(true);
            return background(Kind.BOOTSTRAP, "bootstrap_standby_leader", now,
                    () -> tasks.bootstrapStandbyLeader(a.remote(), a.slotName(), a.methods()));
        }
        if (action instanceof Action.RunPostBootstrap) {
            return background(Kind.POST_BOOTSTRAP, "post_bootstrap", now, tasks::postBootstrap);
        }
        if (action instanceof Action.CloneFrom a) {
            return background(Kind.CLONE, a.taskName(), now,
                    () -> tasks.clone(a.source(), a.methods(), a.description(), cycle));
        }
        if (action instanceof Action.StartPostgres a) {
            parts.memory.startAttempted(a.timeout());
            return background(START_KINDS.getOrDefault(a.taskName(), Kind.OTHER), a.taskName(), now,
                    () -> tasks.start(a.role(), a.upstream(), a.slotName(), a.timeout()));
        }
        if (action instanceof Action.StopPostgres a) {
            stop(a.mode() == Action.StopMode.FAST ? StopMode.FAST : StopMode.IMMEDIATE, true, a.abortAfter());
            return true;
        }
        if (action instanceof Action.MoveDataDirectoryAside) {
            LOG.log(System.Logger.Level.WARNING, "moved the data directory to " + parts.postgres().moveDataDirectoryAside());
            return true;
        }
        if (action instanceof Action.CrashRecovery) {
            parts.memory.crashRecoveryStarted(now);
            return background(Kind.CRASH_RECOVERY, "doing crash recovery in a single user mode", now, tasks::crashRecovery);
        }
        if (action instanceof Action.Promote) {
            return background(Kind.PROMOTE, "promote", now, () -> tasks.promote(cycle.timings().loopWaitDuration()));
        }
        if (action instanceof Action.Demote a) {
            if (a.taskName() != null) {
                return background(Kind.DEMOTE, a.taskName(), now, () -> demotion.demote(a.mode()));
            }
            demotion.demote(a.mode());
            return true;
        }
        if (action instanceof Action.Follow a) {
            follow(a, now);
            return true;
        }
        if (action instanceof Action.RewindFrom a) {
            return background(Kind.REWIND, "running pg_rewind from " + a.leader(), now,
                    () -> tasks.rewind(a.leader(), a.removeDataDirectoryOnFailure(), cycle));
        }
        if (action instanceof Action.Reinitialize a) {
            return background(Kind.REINITIALIZE, "reinitializing due to diverged timelines", now,
                    () -> tasks.reinitialize(a.source(), a.methods(), cycle));
        }
        if (action instanceof Action.CancelTask) {
            cancel();
            return true;
        }
        return null;
    }

    void stop(StopMode mode) {
        stop(mode, true, null);
    }

    /**
     * @param announce fire on_stop when it stopped a running server (not inside a restart)
     * @param abortAfter abort a stop that takes longer (primary_stop_timeout); null waits as ever
     */
    private void stop(StopMode mode, boolean announce, Duration abortAfter) {
        parts.local.state(PostgresState.STOPPING, Instant.now());
        boolean wasRunning = parts.postgres().isRunning();
        try {
            parts.postgres().stop(mode, java.util.Optional.ofNullable(abortAfter));
        } catch (PostgresException e) {
            parts.local.state(PostgresState.STOP_FAILED, Instant.now());
            throw e;
        }
        parts.local.state(PostgresState.STOPPED, Instant.now());
        parts.watchdog.disable();
        if (wasRunning && announce) {
            parts.callbacks.fire(Callbacks.Event.ON_STOP, parts.callbackRole());
        }
    }

    /**
     * Points the recovery configuration at the new upstream; a reload is enough from PostgreSQL 13 on.
     * As Patroni's follow(): announced as on_role_change when the role changes (and a callback was
     * announced before), else as on_reload or on_restart.
     */
    private void follow(Action.Follow follow, Instant now) {
        var postgres = parts.postgres();
        var server = AgentParts.server(follow.upstream(), follow.slotName());
        LOG.log(System.Logger.Level.INFO, "following " + server.map(Object::toString).orElse("no upstream"));
        parts.memory.upstream(follow.upstream());
        boolean roleChange = follow.roleChange() && parts.callbacks.called();
        if (postgres.majorVersion() >= 13) {
            postgres.writeConfiguration(PostgresRole.REPLICA, server);
            postgres.reload();
            parts.callbacks.fire(roleChange ? Callbacks.Event.ON_ROLE_CHANGE : Callbacks.Event.ON_RELOAD,
                    parts.callbackRole());
            return;
        }
        Role role = parts.memory.role() == Role.STANDBY_LEADER ? Role.STANDBY_LEADER : Role.REPLICA;
        background(Kind.CHANGING_PRIMARY_CONNINFO, "changing primary_conninfo and restarting", now, () -> {
            stop(StopMode.FAST, false, null);
            parts.callbacks.expect(roleChange ? null : Callbacks.Event.ON_RESTART);
            tasks.start(role, follow.upstream(), follow.slotName(), null);
            if (roleChange) {
                parts.callbacks.fire(Callbacks.Event.ON_ROLE_CHANGE, parts.callbackRole());
            }
        });
    }

    /** Cancels the task; a postmaster a start task just launched is stopped (Patroni kills it). */
    private void cancel() {
        AsyncTask task = parts.tasks.cancel(Duration.ofSeconds(30));
        if (task != null && (task.kind() == Kind.START_PRIMARY_AFTER_FAILURE || task.kind() == Kind.RESTART
                || task.kind() == Kind.START_AFTER_FAILURE) && parts.postgres().isRunning()) {
            stop(StopMode.IMMEDIATE);
        }
    }

    private boolean background(Kind kind, String name, Instant now, Runnable body) {
        return parts.tasks.run(AsyncTask.of(kind, name, now), body);
    }
}
