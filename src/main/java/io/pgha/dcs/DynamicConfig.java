package io.pgha.dcs;

import java.util.Map;

/**
 * The {@code config} key: the cluster's dynamic configuration. An unparsable or non-object value
 * reads as empty with modify version 0, as Patroni reads it.
 */
public record DynamicConfig(Map<String, Object> data, long modRevision, boolean present) {

    public static final DynamicConfig ABSENT = new DynamicConfig(Map.of(), 0, false);

    public DynamicConfig {
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    public boolean isPaused() {
        return truthy(data.get("pause"));
    }

    /** An integer setting such as ttl or loop_wait; {@code fallback} when absent or not a number. */
    public long number(String key, long fallback) {
        Object value = data.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    /** synchronous_mode on or quorum (Patroni accepts true-ish strings as well). */
    public boolean synchronousMode() {
        Object mode = data.get("synchronous_mode");
        return truthy(mode) || "quorum".equals(mode);
    }

    public boolean quorumMode() {
        return "quorum".equals(data.get("synchronous_mode"));
    }

    static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String v = s.trim().toLowerCase(java.util.Locale.ROOT);
            return v.equals("true") || v.equals("on") || v.equals("yes") || v.equals("1");
        }
        return value instanceof Number n && n.longValue() != 0;
    }
}
