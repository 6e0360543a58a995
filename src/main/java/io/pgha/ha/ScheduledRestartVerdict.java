package io.pgha.ha;

import java.time.Duration;

/**
 * What the loop does with the scheduled restart this cycle (ha-loop.md §19.2).
 *
 * @param step what to do
 * @param delay for {@link Step#RUN}: how long to sleep before restarting (the time is within loop_wait)
 * @param message the log line, Patroni's wording
 */
public record ScheduledRestartVerdict(Step step, Duration delay, String message) {

    public enum Step {
        /** Nothing scheduled, a task runs, or paused: leave it. */
        NONE,
        /** Not due within loop_wait. */
        WAIT,
        /** Forget it: stale, or the server restarted since it was scheduled. */
        DISCARD,
        /** Sleep {@code delay}, restart asynchronously if the filters match, then forget it. */
        RUN
    }

    static ScheduledRestartVerdict none() {
        return new ScheduledRestartVerdict(Step.NONE, Duration.ZERO, null);
    }
}
