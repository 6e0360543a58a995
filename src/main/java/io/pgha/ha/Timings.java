package io.pgha.ha;

import io.pgha.dcs.DynamicConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Effective {@code ttl}, {@code loop_wait} and {@code retry_timeout} (seconds) after Patroni's
 * adjustment rules (ha-loop.md §2.1), with one warning line per adjustment.
 *
 * <p>The rule {@code loop_wait + 2 × retry_timeout ≤ ttl} is what lets an isolated primary stop
 * accepting writes before any replica can take the expired lease: {@link #demoteDeadline} is that
 * bound for one renewal.
 */
public record Timings(int ttl, int loopWait, int retryTimeout, List<String> adjustments) {

    public static final int MIN_TTL = 20;
    public static final int MIN_LOOP_WAIT = 1;
    public static final int MIN_RETRY_TIMEOUT = 3;
    public static final Timings DEFAULT = new Timings(30, 10, 10, List.of());

    public Timings {
        adjustments = List.copyOf(adjustments);
    }

    /** Reads the three values (defaults 30/10/10) and enforces minimums, then the sum rule, loop_wait first. */
    public static Timings from(DynamicConfig config) {
        List<String> notes = new ArrayList<>();
        int loopWait = atLeast(config, "loop_wait", DEFAULT.loopWait, MIN_LOOP_WAIT, notes);
        int retryTimeout = atLeast(config, "retry_timeout", DEFAULT.retryTimeout, MIN_RETRY_TIMEOUT, notes);
        int ttl = atLeast(config, "ttl", DEFAULT.ttl, MIN_TTL, notes);
        if (MIN_LOOP_WAIT + 2 * retryTimeout > ttl) {
            int newRetry = (ttl - MIN_LOOP_WAIT) / 2;
            notes.add("Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=" + ttl
                    + ". Adjusting loop_wait from " + loopWait + " to " + MIN_LOOP_WAIT
                    + " and retry_timeout from " + retryTimeout + " to " + newRetry);
            loopWait = MIN_LOOP_WAIT;
            retryTimeout = newRetry;
        } else if (loopWait + 2 * retryTimeout > ttl) {
            int newLoopWait = ttl - 2 * retryTimeout;
            notes.add("Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=" + ttl
                    + " and retry_timeout=" + retryTimeout + ". Adjusting loop_wait from " + loopWait
                    + " to " + newLoopWait);
            loopWait = newLoopWait;
        }
        return new Timings(ttl, loopWait, retryTimeout, notes);
    }

    public Duration ttlDuration() {
        return Duration.ofSeconds(ttl);
    }

    public Duration loopWaitDuration() {
        return Duration.ofSeconds(loopWait);
    }

    public Duration retryTimeoutDuration() {
        return Duration.ofSeconds(retryTimeout);
    }

    /**
     * The instant by which a primary whose last successful leader renewal was {@code lastRenewal} must
     * have demoted if it cannot renew: {@code loop_wait + 2 × retry_timeout} later, never after the
     * lease expires ({@code ttl} later).
     */
    public Instant demoteDeadline(Instant lastRenewal) {
        long budget = Math.min((long) loopWait + 2L * retryTimeout, ttl);
        return lastRenewal.plusSeconds(budget);
    }

    /** When the lease renewed at {@code lastRenewal} runs out and any member may take the leader key. */
    public Instant leaseExpiry(Instant lastRenewal) {
        return lastRenewal.plusSeconds(ttl);
    }

    /**
     * How long the loop may keep retrying a leader update that started at {@code now}: at most
     * {@code retry_timeout}, and never past {@link #demoteDeadline}. Zero means "give up now and demote".
     */
    public Duration leaderUpdateBudget(Instant lastRenewal, Instant now) {
        if (lastRenewal == null) {
            return retryTimeoutDuration();
        }
        Duration left = Duration.between(now, demoteDeadline(lastRenewal));
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return left.compareTo(retryTimeoutDuration()) < 0 ? left : retryTimeoutDuration();
    }

    private static int atLeast(DynamicConfig config, String key, int fallback, int min, List<String> notes) {
        long value = config.number(key, fallback);
        if (value < min) {
            notes.add(key + "=" + value + " can't be smaller than " + min + ", adjusting...");
            return min;
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }
}
