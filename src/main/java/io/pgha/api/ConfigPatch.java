package io.pgha.api;

import io.pgha.text.PyText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Patroni's rules for changing the dynamic configuration (rest-api.md §6.1, §6.2): the merge of
 * {@code PATCH /config} and the comparison that lets {@code PUT /config} skip a write. Values count as
 * equal when Python's {@code str()} forms are ({@code 5} and {@code "5"} are the same setting).
 */
final class ConfigPatch {
    private ConfigPatch() {
    }

    /**
     * Merges {@code patch} into a deep copy of {@code config}: null removes a key, objects merge when both
     * sides are objects, anything else replaces the old value unless their text forms are equal.
     *
     * @return the merged configuration, or null when the patch changes nothing
     */
    static Map<String, Object> merge(Map<String, Object> config, Map<String, Object> patch) {
        Map<String, Object> result = copy(config);
        return apply(result, patch) ? result : null;
    }

    /** Patroni's {@code deep_compare}: same keys at every level and equal text forms of the leaves. */
    static boolean sameConfig(Map<?, ?> a, Map<?, ?> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<?, ?> entry : a.entrySet()) {
            Object other = b.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> nested) {
                if (!(other instanceof Map<?, ?> otherNested) || !sameConfig(nested, otherNested)) {
                    return false;
                }
            } else if (!Objects.equals(PyText.str(entry.getValue()), PyText.str(other))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static boolean apply(Map<String, Object> config, Map<String, Object> patch) {
        boolean changed = false;
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                if (config.remove(name) != null) {
                    changed = true;
                }
            } else if (config.containsKey(name)) {
                Object old = config.get(name);
                if (value instanceof Map<?, ?> nested) {
                    if (old instanceof Map<?, ?>) {
                        changed |= apply((Map<String, Object>) old, (Map<String, Object>) nested);
                    } else {
                        config.put(name, value);
                        changed = true;
                    }
                } else if (!PyText.str(old).equals(PyText.str(value))) {
                    config.put(name, value);
                    changed = true;
                }
            } else {
                config.put(name, value);
                changed = true;
            }
        }
        return changed;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> nested ? copy((Map<String, Object>) nested) : v));
        return copy;
    }
}
