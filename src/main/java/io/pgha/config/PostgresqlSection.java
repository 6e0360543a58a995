package io.pgha.config;

import io.pgha.postgres.Authentication;
import io.pgha.postgres.CliOption;
import io.pgha.postgres.ListenAddress;
import io.pgha.postgres.PostgresSettings;
import io.pgha.postgres.ReplicaMethods;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The local {@code postgresql} section (config.md §3.7), and how it combines with the dynamic one from
 * {@code /config} (§1.2): dynamic keys first, local keys win, except {@code use_slots} (dynamic only) and
 * the guarded parameters (dynamic only: a local value is ignored). The local-only keys (addresses,
 * directories, authentication) are read once here; a dynamic copy of them is dropped.
 */
public record PostgresqlSection(ListenAddress listen, String connectAddress, Path dataDir, Path configDir,
                                Path binDir, Path pgpass, String database, Authentication authentication,
                                Map<String, Object> local) {

    /** Keys Patroni drops from the dynamic postgresql section. */
    static final Set<String> LOCAL_ONLY = Set.of("connect_address", "proxy_address", "listen", "config_dir",
            "data_dir", "pgpass", "authentication");
    /** Parameters only the dynamic configuration may set (config.md §5.1). */
    static final Set<String> GUARDED = Set.of("listen_addresses", "port", "cluster_name", "wal_level", "hot_standby",
            "max_connections", "max_wal_senders", "wal_keep_segments", "wal_keep_size", "max_prepared_transactions",
            "max_locks_per_transaction", "track_commit_timestamp", "max_replication_slots", "max_worker_processes",
            "wal_log_hints");

    public PostgresqlSection {
        local = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(local));
    }

    public static PostgresqlSection from(PatroniConfig config) {
        Section pg = config.section("postgresql");
        if (!pg.isPresent()) {
            throw config.section().error("postgresql", "not set; give at least listen, data_dir and authentication");
        }
        String listenText = pg.string("listen").orElseThrow(() -> pg.error("listen: not set; give address:port"));
        ListenAddress listen;
        try {
            listen = ListenAddress.parse(listenText);
        } catch (IllegalArgumentException e) {
            throw pg.error("listen", e.getMessage());
        }
        Path dataDir = pg.file("data_dir").orElseThrow(() -> pg.error("data_dir: not set; give the data directory"));
        return new PostgresqlSection(listen, pg.string("connect_address").orElse(null), dataDir,
                pg.file("config_dir").orElse(null), pg.file("bin_dir").orElse(null), pg.file("pgpass").orElse(null),
                pg.string("database").orElse(null), authentication(pg.section("authentication")), pg.values());
    }

    private static Authentication authentication(Section auth) {
        if (!auth.isPresent()) {
            throw auth.error("not set; give superuser and replication (username, password)");
        }
        try {
            return new Authentication(credentials(auth, "superuser", true), credentials(auth, "replication", true),
                    credentials(auth, "rewind", false));
        } catch (IllegalArgumentException e) {
            throw auth.error(e.getMessage());
        }
    }

    private static io.pgha.postgres.Credentials credentials(Section auth, String user, boolean required) {
        Section section = auth.section(user);
        if (!section.isPresent()) {
            if (required) {
                throw auth.error(user, "not set; give username (and password)");
            }
            return null;
        }
        String username = section.string("username").orElseThrow(() -> section.error("username: not set"));
        try {
            return new io.pgha.postgres.Credentials(username, section.string("password").orElse(null));
        } catch (IllegalArgumentException e) {
            throw section.error("password", e.getMessage());
        }
    }

    /** The postgresql section in effect under {@code dynamic} (a {@code /config} or {@code bootstrap.dcs} tree). */
    public Map<String, Object> merged(Map<String, Object> dynamic) {
        Map<String, Object> merged = new LinkedHashMap<>();
        Object dynamicSection = dynamic == null ? null : dynamic.get("postgresql");
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (dynamicSection instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!LOCAL_ONLY.contains(String.valueOf(k))) {
                    merged.put(String.valueOf(k), v);
                }
            });
            if (map.get("parameters") instanceof Map<?, ?> dyn) {
                dyn.forEach((k, v) -> parameters.put(String.valueOf(k), v));
            }
        }
        Object slots = merged.get("use_slots");
        merged.putAll(local);
        merged.remove("use_slots");
        if (slots != null) {
            merged.put("use_slots", slots);
        }
        if (local.get("parameters") instanceof Map<?, ?> mine) {
            mine.forEach((k, v) -> {
                if (!GUARDED.contains(String.valueOf(k).toLowerCase(Locale.ROOT))) {
                    parameters.put(String.valueOf(k), v);
                }
            });
        }
        merged.put("parameters", parameters);
        return merged;
    }

    /** A boolean of the effective section (use_pg_rewind, remove_data_directory_on_*), false when unset. */
    public boolean flag(Map<String, Object> dynamic, String key) {
        Object value = merged(dynamic).get(key);
        if (value instanceof Boolean b) {
            return b;
        }
        Boolean parsed = value == null ? null : EnvValues.toBoolean(String.valueOf(value));
        return Boolean.TRUE.equals(parsed);
    }

    /**
     * Settings for the local PostgreSQL under {@code dynamic}.
     *
     * @throws ConfigException when a merged value has the wrong shape
     */
    public PostgresSettings toSettings(String scope, String name, BootstrapSection bootstrap, Map<String, Object> dynamic) {
        Map<String, Object> merged = merged(dynamic);
        PostgresSettings.Builder builder;
        try {
            builder = PostgresSettings.builder(scope, name, dataDir, listen, authentication)
                    .binDir(binDir).configDir(configDir).connectAddress(connectAddress).database(database)
                    .pgpass(pgpass)
                    .initdbOptions(bootstrap.initdb()).bootstrapPgHba(bootstrap.pgHba())
                    .usePgRewind(truthy(merged.get("use_pg_rewind")))
                    .useSlots(merged.get("use_slots") == null || truthy(merged.get("use_slots")));
            if (merged.get("parameters") instanceof Map<?, ?> parameters) {
                parameters.forEach((k, v) -> builder.parameter(String.valueOf(k), v));
            }
            if (merged.get("recovery_conf") instanceof Map<?, ?> recovery) {
                recovery.forEach((k, v) -> builder.recoveryConf(String.valueOf(k), v));
            }
            builder.pgHba(lines(merged, "pg_hba")).pgIdent(lines(merged, "pg_ident"))
                    .basebackupOptions(CliOption.fromConfig("postgresql.basebackup", merged.get("basebackup")))
                    .rewindOptions(CliOption.fromConfig("postgresql.rewind", merged.get("rewind")));
            Object timeout = merged.get("pg_ctl_timeout");
            if (timeout != null) {
                builder.pgCtlTimeout(Duration.ofSeconds(Long.parseLong(String.valueOf(timeout).strip())));
            }
            return builder.build();
        } catch (NumberFormatException e) {
            throw new ConfigException("config error: postgresql.pg_ctl_timeout: expected seconds, got "
                    + Section.quote(String.valueOf(merged.get("pg_ctl_timeout"))));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config error: " + e.getMessage());
        }
    }

    /**
     * The replica creation methods under {@code dynamic} (ha-loop.md §14.1).
     *
     * @throws ConfigException when a merged value has the wrong shape
     */
    public ReplicaMethods replicaMethods(Map<String, Object> dynamic) {
        try {
            return ReplicaMethods.from(merged(dynamic));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config error: " + e.getMessage());
        }
    }

    /** The local create_replica_methods and the sections of its methods, checked before the agent starts. */
    public static void checkReplicaMethods(PatroniConfig config) {
        Section pg = config.section("postgresql");
        try {
            ReplicaMethods.from(pg.values());
        } catch (ReplicaMethods.Invalid e) {
            List<String> key = e.key();
            if (key.size() > 1 && pg.raw(key.get(0)) instanceof Map<?, ?>) {
                throw pg.section(key.get(0)).error(key.get(1), e.problem());
            }
            throw pg.error(key.get(0), e.problem());
        }
    }

    private static List<String> lines(Map<String, Object> merged, String key) {
        Object value = merged.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("postgresql." + key + ": expected a list of lines");
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value != null && Boolean.TRUE.equals(EnvValues.toBoolean(String.valueOf(value)));
    }

    @Override
    public String toString() {
        return "PostgresqlSection[listen=" + listen + ", dataDir=" + dataDir + ", authentication=" + authentication + "]";
    }
}
