package io.pgha.ha;

import java.util.Set;
import java.util.TreeSet;

/**
 * The primary's memory of which listed standbys caught up after {@code synchronous_standby_names} last
 * changed: a newly named standby counts as synchronous only once it reached the primary's flush
 * position of that moment (ha-loop.md §15.1).
 *
 * @param standbyNames     the value this memory belongs to (null: never looked)
 * @param flushLsnAtChange the primary's flush position when the value changed
 */
public record SyncReadiness(String standbyNames, long flushLsnAtChange, Set<String> ready) {

    public static final SyncReadiness INITIAL = new SyncReadiness(null, 0, Set.of());

    public SyncReadiness {
        TreeSet<String> names = StandbyNames.names(ready);
        ready = java.util.Collections.unmodifiableSet(names);
    }

    /** True when {@code current} differs from the value this memory was built for. */
    public boolean changedTo(String current) {
        return !java.util.Objects.equals(normalise(current), normalise(standbyNames)) || standbyNames == null;
    }

    /** After a change of the value: standbys no longer listed forget their readiness. */
    public SyncReadiness afterChange(String current, StandbyNames parsed, long flushLsn) {
        TreeSet<String> kept = StandbyNames.names();
        ready.stream().filter(parsed.members()::contains).forEach(kept::add);
        return new SyncReadiness(normalise(current), flushLsn, kept);
    }

    public boolean isReady(String name) {
        return ready.contains(name);
    }

    public SyncReadiness withReady(String name) {
        TreeSet<String> more = StandbyNames.names(ready);
        more.add(name);
        return new SyncReadiness(standbyNames, flushLsnAtChange, more);
    }

    private static String normalise(String value) {
        return value == null ? "" : value;
    }
}
