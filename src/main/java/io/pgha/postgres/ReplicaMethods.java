package io.pgha.postgres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How this node creates a replica (ha-loop.md §14.1): {@code postgresql.create_replica_methods} (or the
 * legacy {@code create_replica_method}) in order, each method other than basebackup defined by the
 * {@code postgresql.<name>} section beside it. A standby cluster names its methods in
 * {@code standby_cluster.create_replica_methods}, defined by the same sections, hence {@link #resolve}.
 *
 * @param configured the configured names; empty means basebackup only
 * @param postgresql the effective postgresql section the methods are defined in
 */
public record ReplicaMethods(List<String> configured, Map<String, Object> postgresql) {
    public static final ReplicaMethods BASEBACKUP_ONLY = new ReplicaMethods(List.of(), Map.of());

    public ReplicaMethods {
        configured = List.copyOf(configured);
        postgresql = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(postgresql));
    }

    /**
     * The methods of an effective postgresql section, every configured one checked.
     *
     * @throws Invalid one line naming the key, e.g. {@code postgresql.pgbackrest.command: …}
     */
    public static ReplicaMethods from(Map<String, Object> postgresql) {
        List<String> names = names(postgresql, "create_replica_methods");
        if (names.isEmpty()) {
            names = names(postgresql, "create_replica_method");
        }
        ReplicaMethods methods = new ReplicaMethods(names, postgresql);
        methods.resolve(names);
        return methods;
    }

    /** The methods to try for {@code names} in order; no names means basebackup. */
    public List<ReplicaMethod> resolve(List<String> names) {
        if (names == null || names.isEmpty()) {
            return List.of(ReplicaMethod.basebackup());
        }
        return names.stream().map(this::method).toList();
    }

    /** The configured methods, in order. */
    public List<ReplicaMethod> methods() {
        return resolve(configured);
    }

    /** Names of the methods defined here that need no member to copy from ({@code no_leader}). */
    public Set<String> usableWithoutLeader() {
        Set<String> names = new LinkedHashSet<>();
        postgresql.forEach((key, value) -> {
            if (value instanceof Map<?, ?> section && !ReplicaMethod.BASEBACKUP.equals(key)
                    && (ReplicaMethod.truthy(section.get("no_leader")) || ReplicaMethod.truthy(section.get("no_master")))) {
                names.add(key);
            }
        });
        return names;
    }

    private ReplicaMethod method(String name) {
        if (ReplicaMethod.BASEBACKUP.equals(name)) {
            return ReplicaMethod.basebackup();
        }
        Object section = postgresql.get(name);
        Map<String, Object> options = new LinkedHashMap<>();
        if (section instanceof Map<?, ?> map) {
            map.forEach((k, v) -> options.put(String.valueOf(k), v));
        } else if (section != null) {
            throw new Invalid(List.of(name), "expected the method's settings (command, keep_data, no_leader,"
                    + " no_params, its options), got " + section);
        }
        Object command = options.remove("command");
        if (command != null && !(command instanceof String)) {
            throw new Invalid(List.of(name, "command"), "expected the program to run, got " + command);
        }
        String line = command == null ? name : (String) command;
        List<String> words;
        try {
            words = ShellWords.split(line);
        } catch (IllegalArgumentException e) {
            throw new Invalid(List.of(name, "command"), e.getMessage());
        }
        if (words.isEmpty()) {
            throw new Invalid(List.of(name, "command"), "empty; give the program to run");
        }
        return new ReplicaMethod(name, words, options);
    }

    private static List<String> names(Map<String, Object> postgresql, String key) {
        Object value = postgresql.get(key);
        if (value == null || "".equals(value)) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new Invalid(List.of(key), "expected a list of method names, e.g. [pgbackrest, basebackup], got "
                    + value);
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (item == null || item instanceof Map<?, ?> || item instanceof List<?> || String.valueOf(item).isBlank()) {
                throw new Invalid(List.of(key), "expected method names, got " + item);
            }
            names.add(String.valueOf(item));
        }
        return names;
    }

    /** A mistake in the methods' configuration, at {@code key} below the postgresql section. */
    public static final class Invalid extends IllegalArgumentException {
        private final List<String> key;
        private final String problem;

        Invalid(List<String> key, String problem) {
            super("postgresql." + String.join(".", key) + ": " + problem);
            this.key = List.copyOf(key);
            this.problem = problem;
        }

        public List<String> key() {
            return key;
        }

        public String problem() {
            return problem;
        }
    }
}
