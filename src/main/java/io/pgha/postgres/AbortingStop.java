package io.pgha.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A stop that does not wait for ever (Patroni's stop_timeout, ha-loop.md §15.7): a postmaster still there
 * after the limit is aborted with an immediate shutdown and, still there after as long again, killed with
 * its children. An immediate stop that does not finish is killed at once. The warnings are Patroni's words.
 */
final class AbortingStop {
    private static final System.Logger LOG = System.getLogger(AbortingStop.class.getName());

    private final PostgresProcess process;

    AbortingStop(PostgresProcess process) {
        this.process = process;
    }

    StopOutcome stop(StopMode mode, Duration limit) {
        Optional<PostmasterPid> postmaster = process.postmaster();
        if (postmaster.isEmpty()) {
            return StopOutcome.ALREADY_STOPPED;
        }
        process.signalStop(mode, postmaster.get());
        if (process.awaitGone(Instant.now().plus(limit))) {
            return StopOutcome.STOPPED;
        }
        LOG.log(System.Logger.Level.WARNING, "Timeout during postmaster stop, aborting Postgres.");
        if (mode != StopMode.IMMEDIATE) {
            try {
                process.signalStop(StopMode.IMMEDIATE, postmaster.get());
                if (process.awaitGone(Instant.now().plus(limit))) {
                    return StopOutcome.ABORTED;
                }
            } catch (PostgresException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        LOG.log(System.Logger.Level.WARNING, "Sending SIGKILL to Postmaster and its children");
        process.kill();
        if (process.isRunning()) {
            throw new PostgresException("PostgreSQL (pid " + postmaster.get().pid() + ") is still running after SIGKILL");
        }
        return StopOutcome.KILLED;
    }
}
