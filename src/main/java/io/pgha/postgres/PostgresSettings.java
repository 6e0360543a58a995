package io.pgha.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the agent needs to run the local PostgreSQL: the postgresql section of patroni.yml
 * (config.md §3.7) merged with the dynamic one, plus bootstrap.initdb / bootstrap.pg_hba.
 * Parameter values are kept as PostgreSQL text ({@code true} becomes {@code on}). Immutable;
 * toString never shows a password.
 *
 * @param scope cluster name, written as {@code cluster_name}
 * @param name member name: {@code application_name} of replication connections and member slot
 * @param binDir directory of pg_ctl, initdb…; null: found through PATH
 * @param configDir where postgresql.conf, pg_hba.conf, pg_ident.conf are written (default data dir)
 * @param unixSocketDir {@code unix_socket_directories} (null: leave PostgreSQL's default)
 * @param pgHba full pg_hba.conf content; empty: the file is left as it is
 * @param pgIdent full pg_ident.conf content; empty: the file is left as it is
 * @param pgpass the pgpass file every libpq client of the agent reads its passwords from
 * @param logFile where pg_ctl sends the postmaster's own output (default {@code <data_dir>.log})
 */
public record PostgresSettings(
        String scope,
        String name,
        Path binDir,
        Path dataDir,
        Path configDir,
        ListenAddress listen,
        String connectAddress,
        Path unixSocketDir,
        String database,
        Map<String, String> parameters,
        Map<String, String> recoveryConf,
        List<String> pgHba,
        List<String> pgIdent,
        Authentication authentication,
        List<CliOption> initdbOptions,
        List<String> bootstrapPgHba,
        List<CliOption> basebackupOptions,
        List<CliOption> rewindOptions,
        boolean usePgRewind,
        boolean useSlots,
        Path pgpass,
        Duration pgCtlTimeout,
        Path logFile) {

    public static final Duration DEFAULT_PG_CTL_TIMEOUT = Duration.ofSeconds(60);

    static final Set<String> FORBIDDEN_INITDB = Set.of("pgdata", "nosync", "pwfile", "sync-only", "version");
    static final Set<String> FORBIDDEN_BASEBACKUP = Set.of("pgdata", "format", "wal-method", "xlog-method",
            "gzip", "version", "dbname", "host", "port", "username", "password");
    static final Set<String> FORBIDDEN_REWIND = Set.of("target-pgdata", "source-pgdata", "source-server",
            "write-recovery-conf", "dry-run", "restore-target-wal", "config-file", "no-ensure-shutdown",
            "version", "help");

    public PostgresSettings {
        require(scope, "scope");
        require(name, "name");
        if (dataDir == null) {
            throw new IllegalArgumentException("postgresql.data_dir is required");
        }
        if (listen == null) {
            throw new IllegalArgumentException("postgresql.listen is required");
        }
        if (authentication == null) {
            throw new IllegalArgumentException("postgresql.authentication is required");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        configDir = configDir == null ? dataDir : configDir.toAbsolutePath().normalize();
        connectAddress = connectAddress == null || connectAddress.isBlank()
                ? listen.localHost() + ":" + listen.port() : connectAddress.strip();
        database = database == null || database.isBlank() ? "postgres" : database;
        parameters = sorted(parameters);
        recoveryConf = sorted(recoveryConf);
        pgHba = pgHba == null ? List.of() : List.copyOf(pgHba);
        pgIdent = pgIdent == null ? List.of() : List.copyOf(pgIdent);
        initdbOptions = initdbOptions == null ? List.of() : List.copyOf(initdbOptions);
        bootstrapPgHba = bootstrapPgHba == null ? List.of() : List.copyOf(bootstrapPgHba);
        basebackupOptions = basebackupOptions == null ? List.of() : List.copyOf(basebackupOptions);
        rewindOptions = rewindOptions == null ? List.of() : List.copyOf(rewindOptions);
        CliOption.rejectForbidden("bootstrap.initdb", initdbOptions, FORBIDDEN_INITDB);
        CliOption.rejectForbidden("postgresql.basebackup", basebackupOptions, FORBIDDEN_BASEBACKUP);
        CliOption.rejectForbidden("postgresql.rewind", rewindOptions, FORBIDDEN_REWIND);
        pgpass = pgpass == null ? Path.of(System.getProperty("user.home"), "pgpass") : pgpass.toAbsolutePath();
        pgCtlTimeout = pgCtlTimeout == null || pgCtlTimeout.isNegative() || pgCtlTimeout.isZero()
                ? DEFAULT_PG_CTL_TIMEOUT : pgCtlTimeout;
        // beside the data dir, not in it: pg_basebackup and pg_rewind would copy it to other members
        logFile = logFile == null ? dataDir.resolveSibling(dataDir.getFileName() + ".log") : logFile.toAbsolutePath();
    }

    public static Builder builder(String scope, String name, Path dataDir, ListenAddress listen,
            Authentication authentication) {
        return new Builder(scope, name, dataDir, listen, authentication);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** An executable of the PostgreSQL installation (pg_ctl, initdb, …). */
    public String binary(String executable) {
        return binDir == null ? executable : binDir.resolve(executable).toString();
    }

    /** The {@code conn_url} a member publishes: {@code postgres://<connect_address>/<database>}. */
    public String connUrl() {
        return "postgres://" + connectAddress + "/" + database;
    }

    @Override
    public String toString() {
        // authentication's own toString masks passwords
        return "PostgresSettings[scope=" + scope + ", name=" + name + ", dataDir=" + dataDir
                + ", configDir=" + configDir + ", listen=" + listen + ", connectAddress=" + connectAddress
                + ", parameters=" + parameters + ", authentication=" + authentication + "]";
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Text PostgreSQL accepts for a YAML value: booleans as on/off, everything else as written. */
    public static String guc(Object value) {
        if (value instanceof Boolean b) {
            return b ? "on" : "off";
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** Fills a settings record; defaults are those of config.md §3.7. */
    public static final class Builder {
        private final String scope;
        private final String name;
        private final Path dataDir;
        private final ListenAddress listen;
        private final Authentication authentication;
        private Path binDir;
        private Path configDir;
        private String connectAddress;
        private Path unixSocketDir;
        private String database;
        private final Map<String, String> parameters = new LinkedHashMap<>();
        private final Map<String, String> recoveryConf = new LinkedHashMap<>();
        private List<String> pgHba = new ArrayList<>();
        private List<String> pgIdent = new ArrayList<>();
        private List<CliOption> initdbOptions = new ArrayList<>();
        private List<String> bootstrapPgHba = new ArrayList<>();
        private List<CliOption> basebackupOptions = new ArrayList<>();
        private List<CliOption> rewindOptions = new ArrayList<>();
        private boolean usePgRewind;
        private boolean useSlots = true;
        private Path pgpass;
        private Duration pgCtlTimeout;
        private Path logFile;

        private Builder(String scope, String name, Path dataDir, ListenAddress listen, Authentication authentication) {
            this.scope = scope;
            this.name = name;
            this.dataDir = dataDir;
            this.listen = listen;
            this.authentication = authentication;
        }

        private Builder(PostgresSettings s) {
            this(s.scope, s.name, s.dataDir, s.listen, s.authentication);
            binDir = s.binDir;
            configDir = s.configDir;
            connectAddress = s.connectAddress;
            unixSocketDir = s.unixSocketDir;
            database = s.database;
            parameters.putAll(s.parameters);
            recoveryConf.putAll(s.recoveryConf);
            pgHba = new ArrayList<>(s.pgHba);
            pgIdent = new ArrayList<>(s.pgIdent);
            initdbOptions = new ArrayList<>(s.initdbOptions);
            bootstrapPgHba = new ArrayList<>(s.bootstrapPgHba);
            basebackupOptions = new ArrayList<>(s.basebackupOptions);
            rewindOptions = new ArrayList<>(s.rewindOptions);
            usePgRewind = s.usePgRewind;
            useSlots = s.useSlots;
            pgpass = s.pgpass;
            pgCtlTimeout = s.pgCtlTimeout;
            logFile = s.logFile;
        }

        public Builder binDir(Path value) { binDir = value; return this; }
        public Builder configDir(Path value) { configDir = value; return this; }
        public Builder connectAddress(String value) { connectAddress = value; return this; }
        public Builder unixSocketDir(Path value) { unixSocketDir = value; return this; }
        public Builder database(String value) { database = value; return this; }
        public Builder parameter(String key, Object value) { parameters.put(key, guc(value)); return this; }
        public Builder parameters(Map<String, ?> values) { values.forEach(this::parameter); return this; }
        public Builder recoveryConf(String key, Object value) { recoveryConf.put(key, guc(value)); return this; }
        public Builder pgHba(List<String> lines) { pgHba = new ArrayList<>(lines); return this; }
        public Builder pgIdent(List<String> lines) { pgIdent = new ArrayList<>(lines); return this; }
        public Builder initdbOptions(List<CliOption> value) { initdbOptions = new ArrayList<>(value); return this; }
        public Builder bootstrapPgHba(List<String> lines) { bootstrapPgHba = new ArrayList<>(lines); return this; }
        public Builder basebackupOptions(List<CliOption> value) { basebackupOptions = new ArrayList<>(value); return this; }
        public Builder rewindOptions(List<CliOption> value) { rewindOptions = new ArrayList<>(value); return this; }
        public Builder usePgRewind(boolean value) { usePgRewind = value; return this; }
        public Builder useSlots(boolean value) { useSlots = value; return this; }
        public Builder pgpass(Path value) { pgpass = value; return this; }
        public Builder pgCtlTimeout(Duration value) { pgCtlTimeout = value; return this; }
        public Builder logFile(Path value) { logFile = value; return this; }

        public PostgresSettings build() {
            return new PostgresSettings(scope, name, binDir, dataDir, configDir, listen, connectAddress,
                    unixSocketDir, database, parameters, recoveryConf, pgHba, pgIdent, authentication,
                    initdbOptions, bootstrapPgHba, basebackupOptions, rewindOptions, usePgRewind, useSlots,
                    pgpass, pgCtlTimeout, logFile);
        }
    }

    /**
     * These settings with {@code hot_standby_feedback} forced on (config.md §5.2: a replica holding
     * permanent logical slots, or feeding a cascade that does); unchanged when {@code force} is false.
     */
    public PostgresSettings withHotStandbyFeedback(boolean force) {
        if (!force) {
            return this;
        }
        Map<String, String> forced = new java.util.LinkedHashMap<>(parameters);
        forced.put("hot_standby_feedback", "on");
        return new PostgresSettings(scope, name, binDir, dataDir, configDir, listen, connectAddress, unixSocketDir,
                database, forced, recoveryConf, pgHba, pgIdent, authentication, initdbOptions, bootstrapPgHba,
                basebackupOptions, rewindOptions, usePgRewind, useSlots, pgpass, pgCtlTimeout, logFile);
    }
}
