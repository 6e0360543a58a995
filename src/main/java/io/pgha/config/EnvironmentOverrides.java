package io.pgha.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Patroni's {@code PATRONI_*} environment variables (config.md §6), turned into a tree that is merged
 * over the file. Unlike Patroni, which silently drops a value it cannot convert, a bad boolean,
 * integer or YAML list/mapping is an error naming the variable.
 * The caller passes the environment, so tests need not touch the real one.
 */
public final class EnvironmentOverrides {
    private static final String PREFIX = "PATRONI_";

    /** Suffixes that make {@code PATRONI_<SECTION>_<SUFFIX>} a DCS setting (also Consul/Kubernetes/ZooKeeper ones). */
    private static final Set<String> DCS_SUFFIXES = Set.of("HOST", "HOSTS", "PORT", "USE_PROXIES", "PROTOCOL", "SRV",
            "SRV_SUFFIX", "URL", "PROXY", "CACERT", "CERT", "KEY", "VERIFY", "TOKEN", "CHECKS", "DC", "CONSISTENCY",
            "REGISTER_SERVICE", "SERVICE_CHECK_INTERVAL", "SERVICE_CHECK_TLS_SERVER_NAME", "SERVICE_TAGS",
            "NAMESPACE", "CONTEXT", "USE_ENDPOINTS", "SCOPE_LABEL", "ROLE_LABEL", "POD_IP", "PORTS", "LABELS",
            "BYPASS_API_SERVICE", "RETRIABLE_HTTP_CODES", "KEY_PASSWORD", "USE_SSL", "SET_ACLS", "GROUP", "DATABASE",
            "LEADER_LABEL_VALUE", "FOLLOWER_LABEL_VALUE", "STANDBY_LEADER_LABEL_VALUE", "TMP_ROLE_LABEL",
            "AUTH_DATA", "BOOTSTRAP_LABELS");
    private static final Set<String> DCS_LISTS = Set.of("HOSTS", "PORTS", "CHECKS", "SERVICE_TAGS", "RETRIABLE_HTTP_CODES");
    private static final Set<String> DCS_MAPS = Set.of("LABELS", "SET_ACLS", "AUTH_DATA", "BOOTSTRAP_LABELS");
    private static final Set<String> DCS_BOOLS = Set.of("USE_PROXIES", "REGISTER_SERVICE", "USE_ENDPOINTS",
            "BYPASS_API_SERVICE", "VERIFY");

    /** Per-user connection settings Patroni keeps (config.md §3.7.2). */
    static final List<String> AUTH_PARAMETERS = List.of("username", "password", "sslmode", "sslcert", "sslkey",
            "sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "gssencmode", "channel_binding", "sslnegotiation");

    private static final Pattern LOG_FORMAT_FIELD = Pattern.compile("%\\(\\w+\\)");

    private final Map<String, String> env;
    private final Set<String> consumed = new HashSet<>();
    private final Map<String, Object> tree = new LinkedHashMap<>();
    private final Origins origins = new Origins();

    private EnvironmentOverrides(Map<String, String> env) {
        this.env = env;
    }

    /** The file configuration with the environment merged on top (environment wins, null never set). */
    public static PatroniConfig applyTo(PatroniConfig base, Map<String, String> env) {
        EnvironmentOverrides built = build(env);
        Map<String, Object> tree = Trees.mutableTree(base.tree());
        Origins origins = base.origins();
        Trees.patch(tree, built.tree, List.of(), origins, built.origins);
        return new PatroniConfig(tree, origins, base.source());
    }

    /** A configuration made only of {@code PATRONI_*} variables (when no file is used). */
    public static PatroniConfig fromEnvironment(Map<String, String> env) {
        EnvironmentOverrides built = build(env);
        return new PatroniConfig(built.tree, built.origins, "environment");
    }

    private static EnvironmentOverrides build(Map<String, String> env) {
        EnvironmentOverrides b = new EnvironmentOverrides(env);
        b.topLevel();
        b.sections();
        b.binaries();
        b.authentication();
        b.dcsSections();
        b.dcsAuthentication();
        return b;
    }

    private void topLevel() {
        for (String key : List.of("name", "namespace", "scope")) {
            text(key, List.of(key));
        }
    }

    private void sections() {
        for (String key : List.of("listen", "connect_address", "certfile", "keyfile", "keyfile_password", "cafile",
                "ciphers", "verify_client", "server_tokens")) {
            text("restapi_" + key, List.of("restapi", key));
        }
        typed("restapi_http_extra_headers", List.of("restapi", "http_extra_headers"), EnvValues::parseMap);
        typed("restapi_https_extra_headers", List.of("restapi", "https_extra_headers"), EnvValues::parseMap);
        typed("restapi_allowlist", List.of("restapi", "allowlist"), EnvValues::parseList);
        typed("restapi_allowlist_include_members", List.of("restapi", "allowlist_include_members"), EnvValues::parseBool);
        typed("restapi_request_queue_size", List.of("restapi", "request_queue_size"), EnvValues::parseInt);

        typed("ctl_insecure", List.of("ctl", "insecure"), EnvValues::parseBool);
        for (String key : List.of("cacert", "certfile", "keyfile", "keyfile_password")) {
            text("ctl_" + key, List.of("ctl", key));
        }

        for (String key : List.of("listen", "connect_address", "proxy_address", "config_dir", "data_dir", "pgpass",
                "bin_dir")) {
            text("postgresql_" + key, List.of("postgresql", key));
        }

        logSection();
    }

    private void logSection() {
        // Legacy names apply only when the new variable is absent altogether.
        Map<String, String> legacy = Map.of("level", "loglevel", "format", "logformat", "dateformat", "log_datefmt");
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : List.of("type", "level", "traceback_level", "format", "dateformat", "static_fields",
                "max_queue_size", "dir", "mode", "file_size", "file_num", "loggers", "deduplicate_heartbeat_logs")) {
            String name = variable("log_" + key);
            String old = legacy.containsKey(key) ? variable(legacy.get(key)) : null;
            if (old != null) {
                consumed.add(old);
                if (!env.containsKey(name)) {
                    name = old;
                }
            }
            names.put(key, name);
        }
        names.forEach((key, name) -> {
            List<String> path = List.of("log", key);
            switch (key) {
                case "static_fields", "loggers" -> typedVar(name, path, EnvValues::parseMap);
                case "max_queue_size", "mode", "file_size", "file_num" -> typedVar(name, path, EnvValues::parseInt);
                case "deduplicate_heartbeat_logs" -> typedVar(name, path, EnvValues::parseBool);
                case "format" -> typedVar(name, path, EnvironmentOverrides::logFormat);
                default -> typedVar(name, path, (var, value) -> value);
            }
        });
    }

    /** A log format without {@code %(field)} placeholders is a list of field names (json logs). */
    private static Object logFormat(String variable, String value) {
        if (LOG_FORMAT_FIELD.matcher(value).find()) {
            return value;
        }
        try {
            Object parsed = EnvValues.parseList(variable, value);
            return parsed == null ? value : parsed;
        } catch (ConfigException e) {
            return value;
        }
    }

    private void binaries() {
        for (String binary : List.of("pg_ctl", "initdb", "pg_controldata", "pg_basebackup", "postgres", "pg_isready",
                "pg_rewind")) {
            text("postgresql_bin_" + binary, List.of("postgresql", "bin_name", binary));
        }
    }

    private void authentication() {
        for (String section : List.of("ctl", "restapi")) {
            for (String key : List.of("username", "password")) {
                text(section + "_" + key, List.of(section, "authentication", key));
            }
        }
        for (String user : List.of("replication", "superuser", "rewind")) {
            for (String key : AUTH_PARAMETERS) {
                text(user + "_" + key, List.of("postgresql", "authentication", user, key));
            }
        }
    }

    /** {@code PATRONI_<DCS>_<SUFFIX>}: any first word becomes a section when the suffix is a known DCS key. */
    private void dcsSections() {
        for (String name : new TreeMap<>(env).keySet()) {
            if (!name.startsWith(PREFIX) || consumed.contains(name)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int underscore = rest.indexOf('_');
            if (underscore <= 0) {
                continue;
            }
            String section = rest.substring(0, underscore);
            String suffix = rest.substring(underscore + 1);
            if (!DCS_SUFFIXES.contains(suffix)) {
                continue;
            }
            consumed.add(name);
            List<String> path = List.of(section.toLowerCase(Locale.ROOT), suffix.toLowerCase(Locale.ROOT));
            if (section.equals("CITUS")) {
                if (suffix.equals("GROUP")) {
                    typedVar(name, path, EnvValues::parseInt);
                } else if (suffix.equals("DATABASE")) {
                    typedVar(name, path, (var, value) -> value);
                }
            } else if (suffix.equals("PORT")) {
                typedVar(name, path, EnvValues::parseInt);
            } else if (DCS_LISTS.contains(suffix)) {
                typedVar(name, path, EnvValues::parseList);
            } else if (DCS_MAPS.contains(suffix)) {
                typedVar(name, path, EnvValues::parseMap);
            } else if (DCS_BOOLS.contains(suffix)) {
                typedVar(name, path, EnvValues::parseBool);
            } else {
                typedVar(name, path, (var, value) -> value);
            }
        }
    }

    /** Credentials alone do not create an etcd section: they only complete one made by another variable. */
    private void dcsAuthentication() {
        for (String dcs : List.of("etcd", "etcd3")) {
            if (tree.containsKey(dcs)) {
                text(dcs + "_username", List.of(dcs, "username"));
                text(dcs + "_password", List.of(dcs, "password"));
            }
        }
    }

    private void text(String key, List<String> path) {
        typedVar(variable(key), path, (var, value) -> value);
    }

    private void typed(String key, List<String> path, BiFunction<String, String, Object> convert) {
        typedVar(variable(key), path, convert);
    }

    private void typedVar(String name, List<String> path, BiFunction<String, String, Object> convert) {
        consumed.add(name);
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            return;
        }
        Object converted = convert.apply(name, value);
        if (converted != null) {
            put(path, converted, name);
        }
    }

    private void put(List<String> path, Object value, String origin) {
        Map<String, Object> map = tree;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = map.computeIfAbsent(path.get(i), k -> new LinkedHashMap<String, Object>());
            map = Trees.asTree((Map<?, ?>) next);
        }
        map.put(path.get(path.size() - 1), value);
        origins.put(path, origin);
        // a section the environment created is blamed on the first variable that created it
        for (int end = path.size() - 1; end > 0; end--) {
            origins.putIfAbsent(path.subList(0, end), origin);
        }
    }

    private static String variable(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT);
    }
}
