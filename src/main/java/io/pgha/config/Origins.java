package io.pgha.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a configuration tree came from ({@code patroni.yml:7:3}, {@code PATRONI_SCOPE},
 * {@code -d/--dcs-url}), so that an error about a value can point at the place to fix it.
 */
final class Origins {
    private final Map<List<String>, String> byPath = new LinkedHashMap<>();

    void put(List<String> path, String origin) {
        byPath.put(List.copyOf(path), origin);
    }

    void putIfAbsent(List<String> path, String origin) {
        byPath.putIfAbsent(List.copyOf(path), origin);
    }

    /** The origin of the key at {@code path}, else of its nearest ancestor, else {@code fallback}. */
    String find(List<String> path, String fallback) {
        for (int end = path.size(); end > 0; end--) {
            String origin = byPath.get(path.subList(0, end));
            if (origin != null) {
                return origin;
            }
        }
        return fallback;
    }

    /** Forgets {@code path} and everything below it. */
    void removeUnder(List<String> path) {
        byPath.keySet().removeIf(key -> startsWith(key, path));
    }

    /** Copies the origins of {@code path} and everything below it from {@code other}. */
    void copyUnder(Origins other, List<String> path) {
        other.byPath.forEach((key, origin) -> {
            if (startsWith(key, path)) {
                byPath.put(key, origin);
            }
        });
    }

    Origins copy() {
        Origins copy = new Origins();
        copy.byPath.putAll(byPath);
        return copy;
    }

    static List<String> child(List<String> path, String key) {
        List<String> child = new ArrayList<>(path.size() + 1);
        child.addAll(path);
        child.add(key);
        return List.copyOf(child);
    }

    private static boolean startsWith(List<String> key, List<String> prefix) {
        return key.size() >= prefix.size() && key.subList(0, prefix.size()).equals(prefix);
    }
}
