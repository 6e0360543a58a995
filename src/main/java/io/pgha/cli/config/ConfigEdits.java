package io.pgha.cli.config;

import io.pgha.cli.CliException;
import io.pgha.config.YamlText;
import io.pgha.text.PyText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The edits {@code edit-config} applies to a copy of the dynamic configuration (patronictl.md §2.9):
 * {@code -s path=yaml} / {@code -p name=yaml}, {@code --apply} (deep merge, null deletes) and
 * {@code --replace}. The input tree is never modified.
 */
public final class ConfigEdits {
    private static final List<String> PARAMETERS = List.of("postgresql", "parameters");
    private static final Pattern PY_FLOAT = Pattern.compile("[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?"
            + "|\\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
            + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");

    private ConfigEdits() {
    }

    /** {@code -p name=value} is {@code -s postgresql.parameters.name=value}. */
    public static String parameterPair(String pgPair) {
        return "postgresql.parameters." + pgPair.stripLeading();
    }

    /**
     * Applies {@code KEY=VALUE} pairs in order: KEY is a dotted path (below {@code postgresql.parameters} the
     * rest is one name, dots included), VALUE is read as YAML and an empty VALUE deletes the key; mappings
     * left empty by a deletion disappear.
     */
    public static Map<String, Object> set(Map<String, Object> config, List<String> pairs) {
        Map<String, Object> changed = copy(config);
        for (String pair : pairs) {
            int eq = pair == null ? -1 : pair.indexOf('=');
            if (eq < 0) {
                throw new CliException("Invalid parameter setting " + pair);
            }
            String path = pair.substring(0, eq).strip();
            Object value = pyYamlScalar(pair.substring(eq + 1), YamlText.parse(pair.substring(eq + 1), "-s " + path));
            setPath(changed, Arrays.asList(path.split("\\.", -1)), value, List.of());
        }
        return changed;
    }

    /** PyYAML reads {@code 1e3} as text (its floats need a dot and a signed exponent); SnakeYAML reads a number. */
    private static Object pyYamlScalar(String text, Object parsed) {
        if (parsed instanceof Double && !PY_FLOAT.matcher(text.strip()).matches()) {
            return text.strip();
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static void setPath(Map<String, Object> config, List<String> path, Object value, List<String> prefix) {
        if (prefix.equals(PARAMETERS)) {
            path = List.of(String.join(".", path));
        }
        String key = path.get(0);
        if (path.size() == 1) {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
            return;
        }
        if (!(config.get(key) instanceof Map<?, ?>)) {
            config.put(key, new LinkedHashMap<String, Object>());
        }
        List<String> below = new ArrayList<>(prefix);
        below.add(key);
        Map<String, Object> child = (Map<String, Object>) config.get(key);
        setPath(child, path.subList(1, path.size()), value, below);
        if (child.isEmpty()) {
            config.remove(key);
        }
    }

    /**
     * {@code --apply}: Patroni's {@code patch_config}. A null deletes, a mapping merges into a mapping, any
     * other value replaces unless its text is the same ({@code '10'} leaves an existing {@code 10} alone).
     */
    public static Map<String, Object> merge(Map<String, Object> config, Map<String, Object> patch) {
        Map<String, Object> changed = copy(config);
        patchInto(changed, patch);
        return changed;
    }

    /** {@code --replace}: the file's mapping, without its top-level nulls. */
    public static Map<String, Object> replace(Map<String, Object> replacement) {
        return merge(Map.of(), replacement);
    }

    @SuppressWarnings("unchecked")
    private static void patchInto(Map<String, Object> config, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (value == null) {
                config.remove(name);
            } else if (config.containsKey(name)) {
                if (value instanceof Map<?, ?> map) {
                    if (config.get(name) instanceof Map<?, ?> existing) {
                        patchInto((Map<String, Object>) existing, (Map<String, Object>) map);
                    } else {
                        config.put(name, deepCopy(value));
                    }
                } else if (!PyText.str(config.get(name)).equals(PyText.str(value))) {
                    config.put(name, deepCopy(value));
                }
            } else {
                config.put(name, deepCopy(value));
            }
        }
    }

    /** A YAML document given to --apply/--replace or written in the editor must be a mapping. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mapping(Object document, String source) {
        if (document instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v));
            return result;
        }
        throw new CliException(source + ": the configuration must be a YAML mapping (key: value), got "
                + (document == null ? "an empty document" : PyText.repr(document)));
    }

    /** Python's {@code ==} on JSON-like trees: {@code 1 == 1.0 == True}, mappings regardless of key order. */
    public static boolean pythonEquals(Object x, Object y) {
        if (x instanceof Map<?, ?> a && y instanceof Map<?, ?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : a.entrySet()) {
                if (!b.containsKey(e.getKey()) || !pythonEquals(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (x instanceof List<?> a && y instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!pythonEquals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        BigDecimal nx = numeric(x);
        BigDecimal ny = numeric(y);
        if (nx != null && ny != null) {
            return nx.compareTo(ny) == 0;
        }
        return x == null ? y == null : x.equals(y);
    }

    private static BigDecimal numeric(Object value) {
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (PyText.isInteger(value)) {
            return new BigDecimal(PyText.integer((Number) value));
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return new BigDecimal(n.doubleValue());
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> config) {
        return (Map<String, Object>) deepCopy(config);
    }

    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }
}
