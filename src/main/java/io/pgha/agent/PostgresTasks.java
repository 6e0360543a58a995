package io.pgha.agent;

import io.pgha.config.ConfigException;
import io.pgha.dcs.Member;
import io.pgha.ha.PostgresState;
import io.pgha.ha.RewindState;
import io.pgha.ha.Role;
import io.pgha.ha.SlotNames;
import io.pgha.ha.Upstream;
import io.pgha.postgres.CustomBootstrap;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.PostgresRole;
import io.pgha.postgres.ReplicaMethod;
import io.pgha.postgres.ReplicaMethods;
import io.pgha.postgres.ShellWords;
import io.pgha.postgres.StartOutcome;
import io.pgha.postgres.StopMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies of the background tasks (ha-loop.md §8, §12.3, §13, §14). Each one leaves its result in
 * the agent's memory and the published state; none decides what comes next.
 */
final class PostgresTasks {
    private static final System.Logger LOG = System.getLogger(PostgresTasks.class.getName());
    private static final Duration CRASH_RECOVERY_TIMEOUT = Duration.ofHours(1);
    /** Patroni waits for the script without limit; this only catches one that hangs. */
    private static final Duration POST_BOOTSTRAP_TIMEOUT = Duration.ofHours(24);

    private final AgentParts parts;
    private final ReplicaStart start;
    private final CustomBootstrapTask customBootstrap;

    PostgresTasks(AgentParts parts, ReplicaStart start) {
        this.parts = parts;
        this.start = start;
        this.customBootstrap = new CustomBootstrapTask(parts);
    }

    /** initdb (or the custom method of bootstrap.method), then start as the new cluster's primary. */
    void bootstrap() {
        CustomBootstrap custom = parts.settings.config().bootstrap().custom();
        if (custom != null) {
            customBootstrap.run(custom);
            return;
        }
        var postgres = parts.postgres();
        parts.local.state(PostgresState.INITIALIZING_NEW_CLUSTER, Instant.now());
        try {
            postgres.clusterBootstrap().initdb();
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            parts.local.state(PostgresState.INITDB_FAILED, Instant.now());
            parts.memory.bootstrapResult(false);
            return;
        }
        parts.local.state(PostgresState.STARTING, Instant.now());
        try {
            if (postgres.start(PostgresRole.PRIMARY, Optional.empty()) == StartOutcome.READY) {
                parts.local.state(PostgresState.RUNNING, Instant.now());
            }
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            parts.local.state(PostgresState.START_FAILED, Instant.now());
            parts.memory.bootstrapResult(false);
        }
    }

    /**
     * ha-loop.md §14.4: a replica of the remote primary of the standby cluster (its replica creation
     * methods; without a host only those with no_leader), then start as its standby leader; the result
     * stands in for post_bootstrap's.
     */
    void bootstrapStandbyLeader(Upstream remote, String slot, List<String> methods) {
        String description = "clone from remote member " + remote.connUrl();
        if (!createReplica(remote, methods, description)) {
            parts.memory.bootstrapResult(false);
            return;
        }
        parts.memory.bootstrapResult(start.start(Role.STANDBY_LEADER, remote, slot, null));
    }

    /**
     * ha-loop.md §14.1: the data directory made by {@code methods} from {@code source} (none or no
     * conn_url: only methods with no_leader). False, with the data directory emptied, when none worked.
     */
    private boolean createReplica(Upstream source, List<String> methods, String description) {
        parts.memory.rewindState(RewindState.INITIAL);
        parts.local.state(PostgresState.CREATING_REPLICA, Instant.now());
        try {
            parts.postgres().replicaSetup().createReplica(AgentParts.server(source, null), replicaMethods(methods));
        } catch (PostgresException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "failed to bootstrap " + description + ": " + e.getMessage());
            removeDataDirectory();
            parts.local.state(PostgresState.STOPPED, Instant.now());
            return false;
        }
        LOG.log(System.Logger.Level.INFO, "bootstrapped " + description);
        parts.local.state(PostgresState.STOPPED, Instant.now());
        return true;
    }

    /** The named methods as the local configuration and the dynamic one in force define them. */
    private List<ReplicaMethod> replicaMethods(List<String> names) {
        ReplicaMethods methods;
        try {
            methods = parts.settings.config().postgresql().replicaMethods(parts.settings.dynamic().data());
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.WARNING, "using the local replica creation methods: " + e.getMessage());
            methods = parts.settings.config().postgresql().replicaMethods(Map.of());
        }
        return methods.resolve(names);
    }

    private void removeDataDirectory() {
        try {
            parts.postgres().removeDataDirectory();
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /**
     * ha-loop.md §14.3: the superuser password, the replication role and the rewind role, the user's
     * post_bootstrap script; after a custom bootstrap also the normal configuration back (step 5). Patroni
     * creates the replication and rewind roles after the script; here they exist before it, which only
     * matters to a script that would create them itself.
     */
    void postBootstrap() {
        try {
            parts.postgres().clusterBootstrap().createRoles();
            String script = parts.settings.config().bootstrap().postBootstrap();
            if (script != null) {
                LOG.log(System.Logger.Level.INFO, "running post_bootstrap script: " + parts.redact(script));
                parts.postgres().clusterBootstrap()
                        .runPostBootstrapScript(ShellWords.split(script), POST_BOOTSTRAP_TIMEOUT);
            }
            customBootstrap.finish();
            parts.memory.bootstrapResult(true);
        } catch (PostgresException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "post_bootstrap failed: " + parts.redact(String.valueOf(e.getMessage())));
            parts.memory.bootstrapResult(false);
        }
    }

    /** A replica made from {@code source} by {@code methods}, then started as a replica of whoever leads now (§14.1). */
    void clone(Upstream source, List<String> methods, String description, Cycle cycle) {
        if (!createReplica(source, methods, description)) {
            return;
        }
        Upstream upstream = parts.upstreamNow().orElse(null);
        start.asReplica(upstream, upstream == null ? null : slotName(cycle), null);
    }

    void start(Role role, Upstream upstream, String slot, Duration timeout) {
        start.start(role, upstream, slot, timeout);
    }

    void crashRecovery() {
        try {
            parts.postgres().replicaSetup().crashRecovery(CRASH_RECOVERY_TIMEOUT);
            LOG.log(System.Logger.Level.INFO, "crash recovery in single-user mode finished");
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
        }
    }

    /**
     * pg_ctl promote, then up to {@code wait} for the server to leave recovery (role promoted, then
     * primary), then a CHECKPOINT so pg_control carries the new timeline for members that rewind from us.
     */
    void promote(Duration wait) {
        parts.tasks.markCritical();
        var postgres = parts.postgres();
        postgres.promote(Duration.ZERO);
        parts.memory.role(Role.PROMOTED);
        parts.callbacks.fire(Callbacks.Event.ON_ROLE_CHANGE, Role.PROMOTED);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (Boolean.FALSE.equals(parts.local.currentStatus().inRecovery())) {
                parts.memory.role(Role.PRIMARY);
                break;
            }
            if (System.nanoTime() > deadline) {
                LOG.log(System.Logger.Level.WARNING, "still promoting after " + wait.toSeconds() + " s");
                return;
            }
            sleep(Duration.ofMillis(20));
        }
        try {
            postgres.checkpoint();
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.WARNING, "checkpoint after promote failed: " + e.getMessage());
        }
    }

    /** ha-loop.md §12.3: stop, make the source checkpoint, pg_rewind; SUCCESS or FAILED in memory. */
    void rewind(String leader, boolean removeOnFailure, Cycle cycle) {
        Optional<Member> member = cycle.view().member(leader);
        if (member.isEmpty() || member.get().connUrl() == null) {
            LOG.log(System.Logger.Level.ERROR, "cannot rewind from " + leader + ": it publishes no conn_url");
            return;
        }
        var postgres = parts.postgres();
        try {
            stopAnnounced(StopMode.FAST);
            var source = io.pgha.postgres.Upstream.fromConnUrl(leader, member.get().connUrl());
            try {
                postgres.checkpointOn(source);
            } catch (PostgresException e) {
                LOG.log(System.Logger.Level.WARNING, "checkpoint on " + leader + " before pg_rewind failed: " + e.getMessage());
            }
            postgres.replicaSetup().rewindFrom(source);
            parts.memory.rewindState(RewindState.SUCCESS);
            LOG.log(System.Logger.Level.INFO, "pg_rewind from " + leader + " succeeded");
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            parts.memory.rewindState(RewindState.FAILED);
            if (removeOnFailure && !postgres.isRunning()) {
                LOG.log(System.Logger.Level.WARNING, "removing the data directory after the failed rewind");
                postgres.removeDataDirectory();
            }
        }
    }

    /**
     * Stop at once, then clone again from {@code source} with {@code methods}: the methods empty the data
     * directory themselves, except those told to keep it (Patroni's _do_reinitialize leaves it to them).
     * As in Patroni the stop is announced (on_stop) and the node is uninitialized, so its start is
     * announced as on_start.
     */
    void reinitialize(String source, List<String> methods, Cycle cycle) {
        stopAnnounced(StopMode.IMMEDIATE);
        parts.memory.role(Role.UNINITIALIZED);
        Optional<Member> member = cycle.view().member(source);
        boolean leader = !cycle.view().isUnlocked() && cycle.view().leader().name().equals(source);
        clone(member.map(Upstream::of).orElse(new Upstream(source, null)), methods,
                "from " + (leader ? "leader" : "replica") + " '" + source + "'", cycle);
    }

    /** Patroni's stop() outside a restart: on_stop, with the role it had, when a running server stopped. */
    private void stopAnnounced(StopMode mode) {
        boolean running = parts.postgres().isRunning();
        if (running) {
            parts.local.state(PostgresState.STOPPING, Instant.now());
            parts.postgres().stop(mode);
        }
        parts.local.state(PostgresState.STOPPED, Instant.now());
        if (running) {
            parts.callbacks.fire(Callbacks.Event.ON_STOP, parts.callbackRole());
        }
    }

    private static String slotName(Cycle cycle) {
        boolean useSlots = cycle.view() == null || io.pgha.ha.ClusterSettings.from(cycle.view().config()).useSlots();
        return useSlots ? SlotNames.forMember(cycle.settings().name()) : null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresException("interrupted while waiting for the promotion");
        }
    }
}
