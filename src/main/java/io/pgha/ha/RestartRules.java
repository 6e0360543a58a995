package io.pgha.ha;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The restart decisions of ha-loop.md §19: whether a request's conditions hold, and what to do with a
 * scheduled restart in this cycle. Pure; the agent executes the answers.
 */
public final class RestartRules {
    /** A request refused by its filters, in Patroni's words for the REST answer. */
    public static final String CONDITIONS_NOT_SATISFIED = "restart conditions are not satisfied";

    private RestartRules() {
    }

    /**
     * Patroni's {@code restart_matches}: empty when the restart may go ahead, else why not (for the log).
     *
     * @param role the node's role as published ({@code primary}, {@code replica}, {@code standby_leader}…)
     * @param serverVersionNum {@code server_version_num} of the running server; null when unknown
     * @param pendingRestart whether PostgreSQL has parameters waiting for a restart
     */
    public static Optional<String> mismatch(RestartFilters filters, String role, Integer serverVersionNum,
                                            boolean pendingRestart) {
        String reason = null;
        if (filters.role() != null && !filters.role().equals(role)) {
            reason = "host role mismatch";
        }
        if (filters.postgresVersion() != null
                && versionNumber(filters.postgresVersion()) <= (serverVersionNum == null ? 0 : serverVersionNum)) {
            reason = "postgres version mismatch";
        }
        if (filters.onlyIfPending() && !pendingRestart) {
            reason = "pending restart flag is not set";
        }
        return Optional.ofNullable(reason);
    }

    /** Patroni's refusal while the background slot is taken: {@code restart already in progress}. */
    public static Optional<String> busy(AsyncTask running) {
        return running == null ? Optional.empty() : Optional.of(running.name() + " already in progress");
    }

    /**
     * Patroni's {@code postgres_version_to_int}: {@code 15.4} is 150004, {@code 9.6.24} is 90624.
     *
     * @throws IllegalArgumentException with Patroni's message for anything else
     */
    public static int versionNumber(String version) {
        String[] parts = version.split("\\.", -1);
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid PostgreSQL version: " + version);
            }
        }
        if (numbers.length < 2 || numbers.length == 2 && numbers[0] < 10 || numbers.length > 3) {
            throw new IllegalArgumentException("Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: " + version);
        }
        int[] full = numbers.length == 2 ? new int[] {numbers[0], 0, numbers[1]} : numbers;
        StringBuilder digits = new StringBuilder();
        for (int n : full) {
            digits.append(String.format(Locale.ROOT, "%02d", n));
        }
        try {
            return Integer.parseInt(digits.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid PostgreSQL version: " + version);
        }
    }

    /**
     * Patroni's {@code evaluate_scheduled_restart}, called after the lock holder's or follower's decision
     * while PostgreSQL runs: nothing while a task runs or paused; forget it when the server restarted
     * since it was scheduled or when it is more than 1.5 × loop_wait late; wait while it is more than
     * loop_wait ahead; otherwise run it after the remaining delay.
     *
     * @param postmasterStartTime the running server's start time; null when unknown
     */
    public static ScheduledRestartVerdict evaluate(ScheduledRestart restart, Instant now, Duration loopWait,
                                                   Instant postmasterStartTime, boolean taskRunning, boolean paused) {
        if (restart == null || taskRunning) {
            return ScheduledRestartVerdict.none();
        }
        if (postmasterStartTime != null && restart.postmasterStartTime() != null
                && !Objects.equals(postmasterStartTime, restart.postmasterStartTime())) {
            return new ScheduledRestartVerdict(ScheduledRestartVerdict.Step.DISCARD, Duration.ZERO,
                    "Cancelling scheduled restart: postgres restart has already happened at " + postmasterStartTime);
        }
        if (paused) {
            return ScheduledRestartVerdict.none();
        }
        Duration delta = Duration.between(now, restart.at());
        String at = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(restart.at().atOffset(java.time.ZoneOffset.UTC));
        if (delta.compareTo(loopWait) > 0) {
            return new ScheduledRestartVerdict(ScheduledRestartVerdict.Step.WAIT, Duration.ZERO,
                    String.format(Locale.ROOT, "Awaiting restart at %s (in %.0f seconds)", at, delta.toMillis() / 1000.0));
        }
        // Patroni: delta < -int(loop_wait * 1.5)
        long staleSeconds = (long) Math.floor(loopWait.toMillis() * 1.5 / 1000.0);
        if (delta.compareTo(Duration.ofSeconds(-staleSeconds)) < 0) {
            return new ScheduledRestartVerdict(ScheduledRestartVerdict.Step.DISCARD, Duration.ZERO,
                    "Found a stale restart value, cleaning up: " + at);
        }
        return new ScheduledRestartVerdict(ScheduledRestartVerdict.Step.RUN,
                delta.isNegative() ? Duration.ZERO : delta, "Manual scheduled restart at " + at);
    }
}
