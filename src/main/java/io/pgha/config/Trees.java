package io.pgha.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Operations on generic configuration trees: maps keep their key order, {@code null} is a value. */
final class Trees {
    private Trees() {
    }

    /**
     * Patroni's deep merge ({@code patch_config}): a {@code null} in {@code data} deletes the key, a
     * mapping merges into an existing mapping, anything else replaces. Origins follow the values.
     */
    static void patch(Map<String, Object> target, Map<String, Object> data, List<String> path,
                      Origins targetOrigins, Origins dataOrigins) {
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            List<String> child = Origins.child(path, name);
            if (value == null) {
                target.remove(name);
                targetOrigins.removeUnder(child);
            } else if (value instanceof Map<?, ?> map && target.get(name) instanceof Map<?, ?> existing) {
                patch(asTree(existing), asTree(map), child, targetOrigins, dataOrigins);
            } else if (!target.containsKey(name) || !Objects.equals(target.get(name), value)) {
                target.put(name, mutableCopy(value));
                targetOrigins.removeUnder(child);
                targetOrigins.copyUnder(dataOrigins, child);
            }
        }
    }

    /** A deep copy made of {@link LinkedHashMap}s and {@link ArrayList}s. */
    static Object mutableCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), mutableCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(mutableCopy(v)));
            return copy;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mutableTree(Map<String, Object> tree) {
        return (Map<String, Object>) mutableCopy(tree);
    }

    /** A deep copy that cannot be modified and keeps the key order. */
    static Object frozenCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), frozenCopy(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(frozenCopy(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asTree(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
