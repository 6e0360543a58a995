package io.pgha.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, read-only access to one mapping of a {@link PatroniConfig}. Every failed conversion is a
 * {@link ConfigException} naming where the key came from, its dotted name and the offending value:
 * {@code config error: patroni.yml:7:3: etcd3.port: expected an integer, got "abc"}.
 * An empty string counts as "not set", as Patroni treats falsy values.
 */
public final class Section {
    private final PatroniConfig config;
    private final List<String> path;
    private final Map<String, Object> values;
    private final boolean present;

    private Section(PatroniConfig config, List<String> path, Map<String, Object> values, boolean present) {
        this.config = config;
        this.path = path;
        this.values = values;
        this.present = present;
    }

    static Section root(PatroniConfig config) {
        return new Section(config, List.of(), config.tree(), true);
    }

    /** Whether this mapping exists in the configuration (a key set to null counts as absent). */
    public boolean isPresent() {
        return present;
    }

    public List<String> path() {
        return path;
    }

    public Map<String, Object> values() {
        return values;
    }

    /** Whether {@code key} is set to something other than null or an empty string. */
    public boolean has(String key) {
        Object value = values.get(key);
        return value != null && !"".equals(value);
    }

    public Object raw(String key) {
        return values.get(key);
    }

    /** The nested mapping {@code key}; an absent section when unset, an error when not a mapping. */
    public Section section(String key) {
        Object value = values.get(key);
        List<String> child = Origins.child(path, key);
        if (value == null) {
            return new Section(config, child, Map.of(), false);
        }
        if (value instanceof Map<?, ?> map) {
            return new Section(config, child, Trees.asTree(map), true);
        }
        throw error(key, "expected a mapping, got " + describe(key, value));
    }

    /** A scalar as text (numbers and booleans too); lists and mappings are errors. */
    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null || "".equals(value)) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw error(key, "expected a single value, got " + kind(value));
        }
        return Optional.of(String.valueOf(value));
    }

    /** Booleans, and the strings Patroni accepts: on/off, true/false, yes/no, 1/0 (any case). */
    public Optional<Boolean> bool(String key) {
        Object value = values.get(key);
        if (value == null || "".equals(value)) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        Boolean parsed = value instanceof Map<?, ?> || value instanceof List<?> ? null
                : EnvValues.toBoolean(String.valueOf(value));
        if (parsed == null) {
            throw error(key, "expected a boolean (true/false, on/off, yes/no, 1/0), got " + describe(key, value));
        }
        return Optional.of(parsed);
    }

    /** Integers, also written as strings ({@code "2379"}, {@code "0x10"}, {@code "0640"}). */
    public Optional<Integer> integer(String key) {
        Object value = values.get(key);
        if (value == null || "".equals(value)) {
            return Optional.empty();
        }
        Long parsed = null;
        if (value instanceof Integer || value instanceof Long) {
            parsed = ((Number) value).longValue();
        } else if (value instanceof String s) {
            parsed = EnvValues.toLong(s);
        }
        if (parsed == null || parsed != parsed.intValue()) {
            throw error(key, "expected an integer, got " + describe(key, value));
        }
        return Optional.of(parsed.intValue());
    }

    /** A file path, relative ones as written (resolved against the working directory, as Patroni does). */
    public Optional<Path> file(String key) {
        return string(key).map(Path::of);
    }

    public String dotted(String key) {
        return path.isEmpty() ? key : String.join(".", path) + "." + key;
    }

    /** {@code config error: <origin of key>: <dotted.key>: <problem>}. */
    public ConfigException error(String key, String problem) {
        return new ConfigException("config error: " + config.originOf(Origins.child(path, key)) + ": "
                + dotted(key) + ": " + problem);
    }

    /** An error about this section as a whole, e.g. a missing required key. */
    public ConfigException error(String problem) {
        String where = config.originOf(path);
        return new ConfigException("config error: " + where + ": "
                + (path.isEmpty() ? "" : String.join(".", path) + ": ") + problem);
    }

    /** How a value is shown in an error: scalars as written, collections by kind, secrets never. */
    public static String describe(String key, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return kind(value);
        }
        if (key.toLowerCase(Locale.ROOT).contains("password")) {
            return "a value that is not shown";
        }
        return value instanceof String s ? quote(s) : String.valueOf(value);
    }

    static String kind(Object value) {
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String s) {
            return "the text " + quote(s);
        }
        return value == null ? "nothing" : String.valueOf(value);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
