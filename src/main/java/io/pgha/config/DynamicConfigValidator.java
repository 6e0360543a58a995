package io.pgha.config;

import io.pgha.text.PyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a dynamic configuration ({@code /config}) before it is written: the types and ranges of the keys
 * Patroni reads (config.md §4, §5.1), so that a typo is refused instead of being silently replaced by a
 * default on every node. Unknown keys pass, as in Patroni. Each problem is one line naming the dotted
 * key, the value and the rule.
 */
public final class DynamicConfigValidator {
    private static final Set<String> BOOLEANS = Set.of("synchronous_mode_strict", "check_timeline", "failsafe_mode",
            "pause");
    private static final Set<String> LOCAL_ONLY = Set.of("connect_address", "proxy_address", "listen", "config_dir",
            "data_dir", "pgpass", "authentication");
    private static final Set<String> AGENT_SET = Set.of("listen_addresses", "port", "cluster_name");
    private static final Set<String> SLOT_TYPES = Set.of("physical", "logical");
    private static final Pattern INTEGER = Pattern.compile("\\s*[+-]?\\d+\\s*");
    private static final Pattern WITH_UNIT = Pattern.compile("\\s*([+-]?\\d+)\\s*([a-zA-Z]*)\\s*");

    private final List<String> problems = new ArrayList<>();

    private DynamicConfigValidator() {
    }

    /** The problems found, in key order; empty when the configuration is usable. */
    public static List<String> problems(Object config) {
        DynamicConfigValidator validator = new DynamicConfigValidator();
        validator.root(config);
        return List.copyOf(validator.problems);
    }

    private void root(Object config) {
        if (!(config instanceof Map<?, ?> map)) {
            problems.add("the configuration must be a mapping, got " + describe(config));
            return;
        }
        Long ttl = integer(map, "ttl", "ttl", 1, null);
        Long loopWait = integer(map, "loop_wait", "loop_wait", 1, null);
        Long retryTimeout = integer(map, "retry_timeout", "retry_timeout", 1, null);
        long t = ttl == null ? 30 : ttl;
        long l = loopWait == null ? 10 : loopWait;
        long r = retryTimeout == null ? 10 : retryTimeout;
        if ((map.containsKey("ttl") || map.containsKey("loop_wait") || map.containsKey("retry_timeout"))
                && l + 2 * r > t) {
            problems.add("ttl " + t + " must be at least loop_wait + 2*retry_timeout = " + l + " + 2*" + r + " = "
                    + (l + 2 * r) + " (an isolated primary must stop writing before its leader key expires)");
        }
        integer(map, "maximum_lag_on_failover", "maximum_lag_on_failover", 0, null);
        integer(map, "maximum_lag_on_syncnode", "maximum_lag_on_syncnode", -1, null);
        integer(map, "max_timelines_history", "max_timelines_history", 0, null);
        for (String key : List.of("primary_start_timeout", "primary_stop_timeout", "master_start_timeout",
                "master_stop_timeout", "primary_race_backoff")) {
            integer(map, key, key, 0, null);
        }
        integer(map, "synchronous_node_count", "synchronous_node_count", 1, null);
        if (map.containsKey("synchronous_mode") && !"quorum".equals(map.get("synchronous_mode"))
                && bool(map.get("synchronous_mode")) == null) {
            problems.add("synchronous_mode: " + describe(map.get("synchronous_mode"))
                    + " is not a boolean (on/off, true/false) or quorum");
        }
        for (String key : BOOLEANS) {
            if (map.containsKey(key) && bool(map.get(key)) == null) {
                problems.add(key + ": " + describe(map.get(key)) + " is not a boolean (on/off, true/false, yes/no, 1/0)");
            }
        }
        if (map.containsKey("member_slots_ttl")) {
            Long seconds = seconds(map.get("member_slots_ttl"));
            if (seconds == null || seconds < 0) {
                problems.add("member_slots_ttl: " + describe(map.get("member_slots_ttl"))
                        + " is not a duration of at least 0 (seconds, or a number with s, min, h, d)");
            }
        }
        slots(map);
        standbyCluster(map.get("standby_cluster"));
        postgresql(map.get("postgresql"));
    }

    private void slots(Map<?, ?> map) {
        for (String key : List.of("slots", "permanent_slots", "permanent_replication_slots")) {
            Object value = map.get(key);
            if (value == null) {
                continue;
            }
            if (!(value instanceof Map<?, ?> slots)) {
                problems.add(key + ": " + describe(value) + " is not a mapping of slot names");
                continue;
            }
            slots.forEach((name, slot) -> {
                String path = key + "." + name;
                if (slot == null) {
                    return;
                }
                if (!(slot instanceof Map<?, ?> s)) {
                    problems.add(path + ": " + describe(slot) + " is not a mapping (type: physical or logical)");
                    return;
                }
                Object type = s.get("type") == null ? "physical" : s.get("type");
                if (!SLOT_TYPES.contains(type)) {
                    problems.add(path + ".type: " + describe(type) + " is not physical or logical");
                } else if ("logical".equals(type) && (s.get("database") == null || s.get("plugin") == null)) {
                    problems.add(path + ": a logical slot needs database and plugin");
                }
            });
        }
        Object ignore = map.get("ignore_slots");
        if (ignore != null && !(ignore instanceof List<?> list && list.stream().allMatch(i -> i instanceof Map<?, ?>))) {
            problems.add("ignore_slots: " + describe(ignore) + " is not a list of mappings (name, type, database, plugin)");
        }
    }

    private void standbyCluster(Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> standby)) {
            problems.add("standby_cluster: " + describe(value) + " is not a mapping");
            return;
        }
        if (standby.isEmpty()) {
            return;
        }
        if (standby.get("host") == null && standby.get("port") == null && standby.get("restore_command") == null) {
            problems.add("standby_cluster: needs host, port or restore_command");
        }
        integer(standby, "port", "standby_cluster.port", 1, 65535L);
    }

    private void postgresql(Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> pg)) {
            problems.add("postgresql: " + describe(value) + " is not a mapping");
            return;
        }
        for (Object key : pg.keySet()) {
            if (LOCAL_ONLY.contains(String.valueOf(key))) {
                problems.add("postgresql." + key + ": is a local setting (patroni.yml); Patroni ignores it in the "
                        + "dynamic configuration");
            }
        }
        for (String key : List.of("use_pg_rewind", "use_slots", "remove_data_directory_on_rewind_failure",
                "remove_data_directory_on_diverged_timelines")) {
            if (pg.containsKey(key) && bool(pg.get(key)) == null) {
                problems.add("postgresql." + key + ": " + describe(pg.get(key)) + " is not a boolean");
            }
        }
        for (String key : List.of("pg_hba", "pg_ident")) {
            Object lines = pg.get(key);
            if (lines != null && !(lines instanceof List<?> list && list.stream().allMatch(l -> l instanceof String))) {
                problems.add("postgresql." + key + ": " + describe(lines) + " is not a list of lines");
            }
        }
        integer(pg, "pg_ctl_timeout", "postgresql.pg_ctl_timeout", 0, null);
        Object parameters = pg.get("parameters");
        if (parameters == null) {
            return;
        }
        if (!(parameters instanceof Map<?, ?> params)) {
            problems.add("postgresql.parameters: " + describe(parameters) + " is not a mapping of parameter names");
            return;
        }
        params.forEach((name, v) -> parameter(String.valueOf(name), v));
    }

    private void parameter(String name, Object value) {
        String path = "postgresql.parameters." + name;
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            problems.add(path + ": " + describe(value) + " is not a single value (text, number or boolean)"
                    + (value == null ? "; use -p " + name + "= to remove it" : ""));
            return;
        }
        if (AGENT_SET.contains(name)) {
            problems.add(path + ": is set by the agent (from postgresql.listen and scope); Patroni ignores this value");
            return;
        }
        switch (name) {
            case "max_connections" -> guc(path, value, 25);
            case "max_wal_senders" -> guc(path, value, 3);
            case "max_prepared_transactions" -> guc(path, value, 0);
            case "max_locks_per_transaction" -> guc(path, value, 32);
            case "max_replication_slots" -> guc(path, value, 4);
            case "max_worker_processes" -> guc(path, value, 2);
            case "wal_keep_segments" -> guc(path, value, 1);
            case "wal_level" -> {
                if (!Set.of("hot_standby", "replica", "logical").contains(PyText.str(value).toLowerCase(Locale.ROOT))) {
                    problems.add(path + ": " + describe(value) + " is not replica, logical or hot_standby "
                            + "(Patroni would start PostgreSQL with its default instead)");
                }
            }
            case "hot_standby" -> {
                if (!Boolean.TRUE.equals(bool(value))) {
                    problems.add(path + ": " + describe(value) + " must be on (Patroni needs hot standby replicas)");
                }
            }
            case "track_commit_timestamp", "wal_log_hints" -> {
                if (bool(value) == null) {
                    problems.add(path + ": " + describe(value) + " is not a boolean (on/off)");
                }
            }
            default -> {
            }
        }
    }

    /** A guarded parameter Patroni replaces by its default (with a warning in each node's log) when invalid. */
    private void guc(String path, Object value, long minimum) {
        Long number = value instanceof Boolean ? null : PyText.isInteger(value) ? Long.valueOf(((Number) value).longValue())
                : value instanceof String s && INTEGER.matcher(s).matches() ? Long.valueOf(s.strip()) : null;
        if (number == null || number < minimum) {
            problems.add(path + ": " + describe(value) + " is not an integer of at least " + minimum
                    + " (Patroni would start PostgreSQL with its default instead)");
        }
    }

    /** An integer key (int, or text holding one, as Patroni's int() reads it); null when absent or invalid. */
    private Long integer(Map<?, ?> map, String key, String path, long minimum, Long maximum) {
        if (!map.containsKey(key)) {
            return null;
        }
        Object value = map.get(key);
        Long number = null;
        if (PyText.isInteger(value) && PyText.integer((Number) value).bitLength() < 63) {
            number = ((Number) value).longValue();
        } else if (value instanceof String s && INTEGER.matcher(s).matches()) {
            try {
                number = Long.valueOf(s.strip());
            } catch (NumberFormatException e) {
                number = null;
            }
        }
        if (number == null) {
            problems.add(path + ": " + describe(value) + " is not an integer");
            return null;
        }
        if (number < minimum || (maximum != null && number > maximum)) {
            problems.add(path + ": " + number + " is out of range (" + (maximum == null ? "at least " + minimum
                    : minimum + ".." + maximum) + ")");
            return null;
        }
        return number;
    }

    /** Patroni's parse_bool: booleans, and on/off, true/false, yes/no, 1/0 in any case. */
    static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return null;
        }
        return EnvValues.toBoolean(PyText.str(value));
    }

    /** Seconds from an integer or a text such as {@code 30min}; null when it reads as neither. */
    private static Long seconds(Object value) {
        if (PyText.isInteger(value)) {
            return ((Number) value).longValue();
        }
        if (!(value instanceof String s)) {
            return null;
        }
        Matcher m = WITH_UNIT.matcher(s);
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "", "s" -> n;
            case "ms" -> n / 1000;
            case "min" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> null;
        };
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return PyText.repr(s);
        }
        return value instanceof Map<?, ?> ? "a mapping" : value instanceof List<?> ? "a list" : PyText.repr(value);
    }
}
