package io.pgha.dcs;

import java.util.Arrays;
import java.util.List;

/** The {@code sync} key (keyspace.md §3.6). A value without a leader counts as empty. */
public record SyncState(String leader, List<String> syncStandbys, Integer quorum, long modRevision) {

    public static final SyncState EMPTY = new SyncState(null, List.of(), null, 0);

    public SyncState {
        syncStandbys = syncStandbys == null ? List.of() : List.copyOf(syncStandbys);
    }

    public boolean isEmpty() {
        return leader == null || leader.isEmpty();
    }

    /** Case-insensitive, as Patroni matches names against this key. */
    public boolean isSyncStandby(String name) {
        return !isEmpty() && syncStandbys.stream().anyMatch(s -> s.equalsIgnoreCase(name));
    }

    static List<String> splitStandbys(String joined) {
        if (joined == null || joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
