package io.pgha.dcs;

import java.util.List;
import java.util.Map;

/** The {@code status} key: the leader's last WAL position and the slot positions it published. */
public record ClusterStatus(long optime, Map<String, Long> slots, List<String> retainSlots, long modRevision) {

    public static final ClusterStatus EMPTY = new ClusterStatus(0, Map.of(), List.of(), 0);

    public ClusterStatus {
        slots = slots == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slots));
        retainSlots = retainSlots == null ? List.of() : List.copyOf(retainSlots);
    }
}
