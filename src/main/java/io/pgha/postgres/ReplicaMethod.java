package io.pgha.postgres;

import io.pgha.text.PyText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code create_replica_methods} (ha-loop.md §14.1): the built-in {@code basebackup}, or a
 * user's program configured by the {@code postgresql.<name>} section. {@code command} is the program and
 * its own words ({@code <name>.command}, else the name itself); {@code options} is the rest of the
 * section as written, each passed as {@code --key=value}. Flags are read with Python's truthiness, as
 * Patroni reads them ({@code keep_data: "no"} is true).
 */
public record ReplicaMethod(String name, List<String> command, Map<String, Object> options) {
    public static final String BASEBACKUP = "basebackup";
    /** Keys that say how to run the method; with no_params they are not passed to it. */
    private static final List<String> FLAGS = List.of("no_params", "no_master", "no_leader", "keep_data");

    public ReplicaMethod {
        command = List.copyOf(command);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public static ReplicaMethod basebackup() {
        return new ReplicaMethod(BASEBACKUP, List.of(), Map.of());
    }

    public boolean isBasebackup() {
        return BASEBACKUP.equals(name);
    }

    /** The data directory is left as it is before the method runs and after it fails. */
    public boolean keepData() {
        return truthy(options.get("keep_data"));
    }

    /** Needs no running member to copy from ({@code no_leader}, Patroni 3.0's {@code no_master}); never basebackup. */
    public boolean worksWithoutLeader() {
        return !isBasebackup() && (truthy(options.get("no_leader")) || truthy(options.get("no_master")));
    }

    public boolean noParams() {
        return truthy(options.get("no_params"));
    }

    /**
     * The full command line: the command, the options as {@code --key=value}, then (unless
     * {@code no_params}) {@code --scope}, {@code --role=replica}, {@code --datadir} and
     * {@code --connstring}; an option of the same name keeps its place but gets Patroni's value.
     */
    public List<String> commandLine(String scope, Path dataDir, String connstring) {
        Map<String, Object> arguments = new LinkedHashMap<>(options);
        if (noParams()) {
            FLAGS.forEach(arguments::remove);
        } else {
            arguments.put("scope", scope);
            arguments.put("role", "replica");
            arguments.put("datadir", dataDir.toString());
            arguments.put("connstring", connstring);
        }
        List<String> line = new ArrayList<>(command);
        arguments.forEach((key, value) -> line.add("--" + key + "=" + PyText.str(value)));
        return line;
    }

    /** Python's truthiness: false, null, 0, "" and empty collections are false. */
    static boolean truthy(Object value) {
        if (value == null || value instanceof Boolean b && !b) {
            return false;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return !s.isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        return !(value instanceof Map<?, ?> m) || !m.isEmpty();
    }

    @Override
    public String toString() {
        // options may hold a backup tool's secrets: the name and the program say enough
        return name + (command.isEmpty() ? "" : " (" + command.get(0) + ")");
    }
}
