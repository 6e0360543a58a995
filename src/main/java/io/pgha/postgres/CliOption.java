package io.pgha.postgres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One long option of initdb, pg_basebackup or pg_rewind as configured in Patroni's YAML: a bare
 * {@code option} or a single-key map {@code {option: value}} becomes {@code --option[=value]}.
 */
public record CliOption(String name, String value) {
    public CliOption {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("empty option name");
        }
        name = name.strip();
        while (name.startsWith("-")) {
            name = name.substring(1);
        }
    }

    public static CliOption flag(String name) {
        return new CliOption(name, null);
    }

    public static CliOption of(String name, Object value) {
        return new CliOption(name, value == null ? null : String.valueOf(value));
    }

    /**
     * Reads a configured section: a list of strings and single-key maps, or a map; {@code section}
     * names it in errors (e.g. {@code bootstrap.initdb}).
     */
    public static List<CliOption> fromConfig(String section, Object configured) {
        List<CliOption> options = new ArrayList<>();
        if (configured == null) {
            return options;
        }
        if (configured instanceof Map<?, ?> map) {
            map.forEach((k, v) -> options.add(of(String.valueOf(k), v)));
        } else if (configured instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> map && map.size() == 1) {
                    Map.Entry<?, ?> entry = map.entrySet().iterator().next();
                    options.add(of(String.valueOf(entry.getKey()), entry.getValue()));
                } else if (item instanceof String s) {
                    options.add(flag(s));
                } else {
                    throw new IllegalArgumentException(section + ": each item must be an option or a one-key map, got " + item);
                }
            }
        } else {
            throw new IllegalArgumentException(section + ": expected a list or a map, got " + configured);
        }
        return options;
    }

    /** Fails on the first option the agent sets itself or that would break what it does. */
    static void rejectForbidden(String section, List<CliOption> options, Set<String> forbidden) {
        for (CliOption option : options) {
            if (forbidden.contains(option.name())) {
                throw new IllegalArgumentException(section + ": option '" + option.name() + "' is not allowed here");
            }
        }
    }

    public String toArgument() {
        return value == null ? "--" + name : "--" + name + "=" + value;
    }

    static List<String> toArguments(List<CliOption> options) {
        return options.stream().map(CliOption::toArgument).toList();
    }
}
