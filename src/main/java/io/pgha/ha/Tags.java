package io.pgha.ha;

import java.util.Locale;
import java.util.Map;

/**
 * The tags that steer HA decisions (config.md §3.9), read the way Patroni reads them: an explicit
 * {@code nofailover} wins over {@code failover_priority}; without it a priority ≤ 0 means nofailover.
 * {@code noFailover} and {@code failoverPriority} are null when the tag is absent.
 */
public record Tags(Boolean noFailover, Integer failoverPriority, boolean noSync, boolean cloneFrom,
                   String replicateFrom, boolean noStream) {

    public static final Tags NONE = new Tags(null, null, false, false, null, false);

    /** Tags from a member key or a REST status document; unknown tags are ignored here. */
    public static Tags of(Map<String, ?> tags) {
        if (tags == null || tags.isEmpty()) {
            return NONE;
        }
        Object nofailover = tags.get("nofailover");
        Object replicatefrom = tags.get("replicatefrom");
        return new Tags(nofailover == null ? null : truthy(nofailover), integer(tags.get("failover_priority")),
                truthy(tags.get("nosync")), truthy(tags.get("clonefrom")),
                replicatefrom == null ? null : replicatefrom.toString(), truthy(tags.get("nostream")));
    }

    /** May never race or promote: the boolean tag if given, else a non-positive failover_priority. */
    public boolean isNoFailover() {
        if (noFailover != null) {
            return noFailover;
        }
        return failoverPriority != null && failoverPriority <= 0;
    }

    /** Tie-break priority among equally advanced candidates: 0 when nofailover, else the tag, default 1. */
    public int priority() {
        if (Boolean.TRUE.equals(noFailover)) {
            return 0;
        }
        return failoverPriority == null ? 1 : failoverPriority;
    }

    public Tags withNoFailover(boolean value) {
        return new Tags(value, failoverPriority, noSync, cloneFrom, replicateFrom, noStream);
    }

    public Tags withFailoverPriority(int value) {
        return new Tags(noFailover, value, noSync, cloneFrom, replicateFrom, noStream);
    }

    public Tags withReplicateFrom(String member) {
        return new Tags(noFailover, failoverPriority, noSync, cloneFrom, member, noStream);
    }

    public Tags withNoStream(boolean value) {
        return new Tags(noFailover, failoverPriority, noSync, cloneFrom, replicateFrom, value);
    }

    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        if (value instanceof String s) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            return v.equals("true") || v.equals("on") || v.equals("yes") || v.equals("1") || v.equals("y");
        }
        return false;
    }

    /** A number, or a string holding one (as YAML/JSON tags may give it); null otherwise. */
    static Integer integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
