package io.pgha.ha;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A restart waiting for its time (ha-loop.md §19.2), kept in the agent's memory only.
 *
 * @param at when to restart
 * @param filters the request's conditions, checked when the time has come
 * @param timeout the start timeout of the request; null for {@code primary_start_timeout}
 * @param postmasterStartTime the server's start when the restart was scheduled: a later start cancels it
 * @param published the member key's {@code scheduled_restart}: the request's fields in its order, the
 *        schedule as Python's isoformat, then {@code postmaster_start_time}
 */
public record ScheduledRestart(Instant at, RestartFilters filters, Duration timeout, Instant postmasterStartTime,
                               Map<String, Object> published) {

    public ScheduledRestart {
        if (at == null || filters == null) {
            throw new IllegalArgumentException("a scheduled restart needs a time and its filters");
        }
        published = Collections.unmodifiableMap(new LinkedHashMap<>(published));
    }

    /** The restart as stored when scheduled: with the running server's start, also published as {@code text}. */
    public ScheduledRestart withPostmasterStartTime(Instant started, String text) {
        Map<String, Object> more = new LinkedHashMap<>(published);
        more.put("postmaster_start_time", text);
        return new ScheduledRestart(at, filters, timeout, started, more);
    }
}
