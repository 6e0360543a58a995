package io.pgha.agent;

import io.pgha.ha.PostgresState;
import io.pgha.postgres.CustomBootstrap;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.PostgresRole;
import io.pgha.postgres.ShellWords;
import io.pgha.postgres.StartOutcome;
import io.pgha.postgres.StopMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The agent's side of a custom bootstrap (ha-loop.md §14.2, §14.3 step 5): the published states while the
 * method's command runs and the restored server starts, and, once post_bootstrap has set the roles, the
 * normal configuration back with the restart Patroni does when a reload cannot apply it.
 */
final class CustomBootstrapTask {
    private static final System.Logger LOG = System.getLogger(CustomBootstrapTask.class.getName());
    /** Restoring a large backup takes long; Patroni waits without limit, this only catches a hung command. */
    static final Duration COMMAND_TIMEOUT = Duration.ofDays(7);

    private final AgentParts parts;
    /** Patroni's running_custom_bootstrap: set from the command's start until post_bootstrap finishes it. */
    private volatile CustomBootstrap running;

    CustomBootstrapTask(AgentParts parts) {
        this.parts = parts;
    }

    /** The bootstrap task: run the command, then start what it restored; a failure sets bootstrapResult=false. */
    void run(CustomBootstrap method) {
        parts.local.state(PostgresState.RUNNING_CUSTOM_BOOTSTRAP_SCRIPT, Instant.now());
        running = method;
        var postgres = parts.postgres();
        try {
            List<String> words = ShellWords.split(method.command());
            postgres.clusterBootstrap().runCustomMethod(method, words, COMMAND_TIMEOUT);
        } catch (PostgresException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "custom bootstrap failed: " + parts.redact(e.getMessage()));
            parts.local.state(PostgresState.CUSTOM_BOOTSTRAP_FAILED, Instant.now());
            parts.memory.bootstrapResult(false);
            return;
        }
        parts.local.state(PostgresState.STARTING_AFTER_CUSTOM_BOOTSTRAP, Instant.now());
        try {
            // With hot_standby off pg_ctl reports a consistent standby as started, yet it refuses connections
            // until its recovery ends: the state stays "starting after custom bootstrap" until it answers
            // (the loop's look at the server moves it on), as Patroni 4 publishes it.
            if (postgres.clusterBootstrap().startAfterCustomMethod(method, postgres.settings().pgCtlTimeout())
                    == StartOutcome.READY && postgres.isReady()) {
                parts.local.state(PostgresState.RUNNING, Instant.now());
            }
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            parts.local.state(PostgresState.START_FAILED, Instant.now());
            parts.memory.bootstrapResult(false);
        }
    }

    /** Step 5 of post_bootstrap after a custom bootstrap; nothing after initdb. */
    void finish() {
        CustomBootstrap method = running;
        if (method == null) {
            return;
        }
        running = null;
        var postgres = parts.postgres();
        if (!postgres.clusterBootstrap().finishCustomMethod(method)) {
            LOG.log(System.Logger.Level.INFO, "custom bootstrap finished: normal configuration reloaded");
            return;
        }
        LOG.log(System.Logger.Level.INFO, "custom bootstrap finished: restarting with the normal configuration");
        parts.local.state(PostgresState.RESTARTING, Instant.now());
        try {
            postgres.stop(StopMode.FAST);
            if (postgres.start(PostgresRole.PRIMARY, Optional.empty()) == StartOutcome.READY) {
                parts.local.state(PostgresState.RUNNING, Instant.now());
            }
        } catch (PostgresException e) {
            parts.local.state(PostgresState.RESTART_FAILED, Instant.now());
            throw e;
        }
    }
}
