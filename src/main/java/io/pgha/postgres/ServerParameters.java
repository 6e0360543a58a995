package io.pgha.postgres;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The parameters the agent runs PostgreSQL with (config.md §5): the user's, with the guarded ones
 * defaulted and validated, recovery settings moved aside, unknown names dropped. Guarded values
 * also go on the postgres command line so nothing (not even ALTER SYSTEM) overrides them.
 *
 * @param conf everything for postgresql.conf's sorted section
 * @param commandLine guarded parameters passed as {@code --name=value}
 * @param recoveryExtras user recovery settings (restore_command…) for a replica's recovery section
 * @param hbaFile value of hba_file; @param identFile value of ident_file
 * @param warnings what was ignored or replaced, one line each
 */
record ServerParameters(Map<String, String> conf, Map<String, String> commandLine,
        Map<String, String> recoveryExtras, String hbaFile, String identFile, List<String> warnings) {

    /** Guarded parameters and their defaults, in Patroni's order. */
    static final Map<String, String> GUARDED_DEFAULTS;
    /** A standby refuses to start with less than what the primary had (config.md §5.1). */
    static final List<String> MUST_MATCH_PRIMARY = List.of("max_connections", "max_prepared_transactions",
            "max_locks_per_transaction", "max_worker_processes", "max_wal_senders");

    static final Set<String> RECOVERY_PARAMETERS = Set.of("primary_conninfo", "primary_slot_name",
            "restore_command", "archive_cleanup_command", "recovery_end_command", "recovery_min_apply_delay",
            "recovery_target", "recovery_target_lsn", "recovery_target_name", "recovery_target_time",
            "recovery_target_xid", "recovery_target_inclusive", "recovery_target_timeline",
            "recovery_target_action", "promote_trigger_file", "trigger_file", "pause_at_recovery_target",
            "standby_mode");

    static {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("wal_level", "replica");
        defaults.put("hot_standby", "on");
        defaults.put("max_connections", "100");
        defaults.put("max_wal_senders", "10");
        defaults.put("wal_keep_size", "128MB");
        defaults.put("max_prepared_transactions", "0");
        defaults.put("max_locks_per_transaction", "64");
        defaults.put("track_commit_timestamp", "off");
        defaults.put("max_replication_slots", "10");
        defaults.put("max_worker_processes", "8");
        defaults.put("wal_log_hints", "on");
        GUARDED_DEFAULTS = Collections.unmodifiableMap(defaults);
    }

    ServerParameters {
        conf = Collections.unmodifiableMap(new TreeMap<>(conf));
        commandLine = Collections.unmodifiableMap(new LinkedHashMap<>(commandLine));
        recoveryExtras = Collections.unmodifiableMap(new TreeMap<>(recoveryExtras));
        warnings = List.copyOf(warnings);
    }

    /**
     * @param known whether the installed PostgreSQL knows a parameter name
     * @param raised must-match-primary values to use instead of the configured ones (replica)
     */
    static ServerParameters compute(PostgresSettings settings, int majorVersion, Predicate<String> known,
            Map<String, String> raised) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> user = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        settings.parameters().forEach((k, v) -> user.put(k.toLowerCase(Locale.ROOT), v));

        Map<String, String> recovery = new TreeMap<>();
        for (String name : new ArrayList<>(user.keySet())) {
            if (RECOVERY_PARAMETERS.contains(name)) {
                recovery.put(name, user.remove(name));
            }
        }
        recovery.putAll(settings.recoveryConf());
        recovery.keySet().removeIf(name -> name.equals("primary_conninfo") || name.equals("primary_slot_name")
                || name.equals("standby_mode") || name.startsWith("recovery_target"));
        translateRecovery(recovery);

        if (user.containsKey("wal_keep_segments") && !user.containsKey("wal_keep_size") && majorVersion >= 13) {
            user.put("wal_keep_size", Units.toInt(user.get("wal_keep_segments"), -1) * 16 + "MB");
        }
        user.remove("wal_keep_segments");

        Map<String, String> conf = new TreeMap<>(user);
        Map<String, String> commandLine = new LinkedHashMap<>();
        commandLine.put("listen_addresses", settings.listen().addresses());
        commandLine.put("port", String.valueOf(settings.listen().port()));
        commandLine.put("cluster_name", settings.scope());
        for (String name : List.of("listen_addresses", "port", "cluster_name")) {
            if (user.containsKey(name) && !user.get(name).equals(commandLine.get(name))) {
                warnings.add("parameter " + name + " cannot be set in parameters; using " + commandLine.get(name));
            }
        }
        GUARDED_DEFAULTS.forEach((name, fallback) -> {
            String value = user.get(name);
            String valid = value == null ? fallback : validate(name, value);
            if (valid == null) {
                warnings.add("parameter " + name + "=" + value + " is not accepted; using " + fallback);
                valid = fallback;
            }
            if (raised.containsKey(name)) {
                valid = raised.get(name);
            }
            conf.put(name, valid);
            if (!name.equals("wal_keep_size")) {
                commandLine.put(name, valid);
            }
        });
        conf.putAll(commandLine);
        if (settings.unixSocketDir() != null) {
            conf.put("unix_socket_directories", settings.unixSocketDir().toString());
        }

        String hbaFile = resolve(settings.configDir(), conf.remove("hba_file"), "pg_hba.conf");
        String identFile = resolve(settings.configDir(), conf.remove("ident_file"), "pg_ident.conf");
        for (String name : new ArrayList<>(conf.keySet())) {
            if (!known.test(name)) {
                warnings.add("parameter " + name + " is unknown to this PostgreSQL; removed");
                conf.remove(name);
            }
        }
        return new ServerParameters(conf, commandLine, recovery, hbaFile, identFile, warnings);
    }

    /** The same parameters with hba_file pointing at {@code file} (a custom bootstrap's trust file). */
    ServerParameters withHbaFile(String file) {
        return new ServerParameters(conf, commandLine, recoveryExtras, file, identFile, warnings);
    }

    private static void translateRecovery(Map<String, String> recovery) {
        String trigger = recovery.remove("trigger_file");
        if (trigger != null && !recovery.containsKey("promote_trigger_file")) {
            recovery.put("promote_trigger_file", trigger);
        }
        recovery.remove("pause_at_recovery_target");
    }

    /** The accepted spelling of a guarded value, or null when it is not acceptable (config.md §5.1). */
    static String validate(String name, String value) {
        String v = value.strip();
        return switch (name) {
            case "wal_level" -> switch (v.toLowerCase(Locale.ROOT)) {
                case "hot_standby", "replica", "archive" -> "replica";
                case "logical" -> "logical";
                default -> null;
            };
            case "hot_standby" -> Boolean.TRUE.equals(Units.toBoolean(v)) ? "on" : null;
            case "track_commit_timestamp", "wal_log_hints" -> {
                Boolean b = Units.toBoolean(v);
                yield b == null ? null : b ? "on" : "off";
            }
            case "wal_keep_size" -> Units.toMegabytes(v) >= 16 ? v : null;
            default -> {
                int minimum = switch (name) {
                    case "max_connections" -> 25;
                    case "max_wal_senders" -> 3;
                    case "max_locks_per_transaction" -> 32;
                    case "max_replication_slots" -> 4;
                    case "max_worker_processes" -> 2;
                    default -> 0;
                };
                int n = Units.toInt(v, Integer.MIN_VALUE);
                yield n >= minimum ? String.valueOf(n) : null;
            }
        };
    }

    private static String resolve(Path configDir, String configured, String defaultName) {
        if (configured == null || configured.isBlank()) {
            return configDir.resolve(defaultName).toString();
        }
        return configDir.resolve(configured).toString();
    }
}
