package io.pgha.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The one way in to the local PostgreSQL. Here: the data directory's state, the life cycle, the configuration
 * files and the status; behind accessors: a new cluster ({@link #clusterBootstrap()}), a replica's data
 * directory ({@link #replicaSetup()}), timelines ({@link #timelines()}) and replication slots
 * ({@link #replicationSlots()}). Stateless but for the settings: every call looks at the data directory and
 * the server afresh. Every call is bounded in time and fails with a {@link PostgresException} carrying one
 * line without any password.
 */
public final class Postgres {
    private static final System.Logger LOG = System.getLogger(Postgres.class.getName());
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

    private final PostgresSettings settings;
    private final Commands commands;
    private final Connector connector;
    private final PostgresProcess process;
    private final ConfigWriter writer;
    private final DataDirectory dataDirectory;

    public Postgres(PostgresSettings settings) {
        this(settings, DEFAULT_QUERY_TIMEOUT);
    }

    /** @param queryTimeout bound of each connection attempt and SQL statement */
    public Postgres(PostgresSettings settings, Duration queryTimeout) {
        this.settings = settings;
        Redactor redactor = Redactor.of(settings.authentication());
        this.commands = new Commands(settings.pgpass(), redactor);
        this.connector = new Connector(settings, redactor, queryTimeout);
        this.process = new PostgresProcess(settings, commands);
        this.writer = new ConfigWriter(settings);
        this.dataDirectory = new DataDirectory(settings.dataDir());
    }

    public PostgresSettings settings() {
        return settings;
    }

    /** A new cluster in the empty data directory: initdb or a custom method, its roles, post_bootstrap. */
    public ClusterBootstrap clusterBootstrap() {
        return new ClusterBootstrap(this, commands, writer, process, connector);
    }

    /** A replica's data directory: a copy of another member, or this one's rewound to follow it. */
    public ReplicaSetup replicaSetup() {
        return new ReplicaSetup(this, commands, writer, process, dataDirectory);
    }

    /** The timelines of the local server and of an upstream, as the divergence check and /history need them. */
    public Timelines timelines() {
        return new Timelines(settings, connector);
    }

    /** The local server's replication slots. */
    public ReplicationSlots replicationSlots() {
        return new ReplicationSlots(settings, connector, process);
    }

    /** The same server under new settings (e.g. after a dynamic configuration change). */
    public Postgres withSettings(PostgresSettings newSettings) {
        return new Postgres(newSettings, connector.timeout());
    }

    // ---- data directory

    public DataDirectoryStatus dataDirectoryState() {
        return dataDirectory.status(this::controlData);
    }

    /** {@link #dataDirectoryState()} and the pg_controldata it read, for callers that need both every few seconds. */
    public DataDirectoryInspection inspectDataDirectory() {
        ControlData[] seen = new ControlData[1];
        DataDirectoryStatus status = dataDirectory.status(() -> {
            seen[0] = controlData();
            return seen[0];
        });
        return new DataDirectoryInspection(status, seen[0]);
    }

    /** pg_controldata of the data directory (works whether or not PostgreSQL runs). */
    public ControlData controlData() {
        CommandResult result = commands.run(List.of(settings.binary("pg_controldata"), "-D",
                settings.dataDir().toString()), Map.of(), Duration.ofSeconds(30));
        if (!result.ok()) {
            throw new PostgresException("pg_controldata failed: " + result.reason());
        }
        return ControlData.parse(result.output());
    }

    /** The major version the data directory was initialized with (PG_VERSION), 0 when unknown. */
    public int majorVersion() {
        return dataDirectory.majorVersion();
    }

    /** Empties the data directory (before a re-clone); refused while PostgreSQL runs. */
    public void removeDataDirectory() {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("refusing to remove " + settings.dataDir() + ": PostgreSQL runs (pid " + pid.pid() + ")");
        });
        dataDirectory.wipe();
    }

    /**
     * Renames the data directory to {@code <data_dir>.failed} (a numbered suffix when that exists) after
     * a failed bootstrap, keeping it for a post-mortem; refused while PostgreSQL runs.
     */
    public Path moveDataDirectoryAside() {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("refusing to move " + settings.dataDir() + ": PostgreSQL runs (pid " + pid.pid() + ")");
        });
        return dataDirectory.moveAside();
    }

    // ---- life cycle

    /** Starts as primary, or as replica of {@code upstream} (none: read-only), within pg_ctl_timeout. */
    public StartOutcome start(PostgresRole role, Optional<Upstream> upstream) {
        return start(role, upstream, settings.pgCtlTimeout());
    }

    /**
     * Writes the configuration for {@code role} and starts the postmaster. Returns READY once it
     * accepts connections, STILL_STARTING if it is alive but not ready after {@code timeout}.
     */
    public StartOutcome start(PostgresRole role, Optional<Upstream> upstream, Duration timeout) {
        DataDirectoryStatus state = dataDirectoryState();
        if (state.state() != DataDirectoryState.INITIALIZED) {
            throw new PostgresException("cannot start PostgreSQL: " + state.detail());
        }
        StartOutcome outcome = process.start(prepare(role, upstream), timeout);
        if (outcome == StartOutcome.READY) {
            writer.backup();
        }
        return outcome;
    }

    /**
     * Rewrites postgresql.conf, pg_hba.conf, pg_ident.conf and the signal files for {@code role}
     * without restarting; follow with {@link #reload()} when the server runs. Returns what was
     * ignored or replaced in the configured parameters, one line each.
     */
    public List<String> writeConfiguration(PostgresRole role, Optional<Upstream> upstream) {
        return prepare(role, upstream).warnings();
    }

    ServerParameters prepare(PostgresRole role, Optional<Upstream> upstream) {
        if (role == PostgresRole.PRIMARY && upstream.isPresent()) {
            throw new IllegalArgumentException("a primary has no upstream");
        }
        PgPass.write(settings.pgpass(), settings.authentication().all());
        int major = majorVersion();
        GucCatalogue catalogue = GucCatalogue.of(settings, commands);
        Map<String, String> raised = role == PostgresRole.REPLICA ? raisedForReplica(controlData()) : Map.of();
        ServerParameters parameters = ServerParameters.compute(settings, major, catalogue::accepts, raised);
        parameters.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        Map<String, String> recovery = role == PostgresRole.REPLICA
                ? RecoverySettings.forReplica(settings, major, upstream.orElse(null), parameters.recoveryExtras())
                : Map.of();
        writer.writeAll(parameters, recovery, role == PostgresRole.REPLICA);
        return parameters;
    }

    /** The parameters as configured, before any raise for a replica. */
    private ServerParameters configured() {
        return ServerParameters.compute(settings, majorVersion(), name -> true, Map.of());
    }

    /** Must-match values a standby needs raised to what the primary had at the last checkpoint. */
    Map<String, String> raisedForReplica(ControlData control) {
        ServerParameters configured = configured();
        Map<String, String> raised = new TreeMap<>();
        for (String name : ServerParameters.MUST_MATCH_PRIMARY) {
            OptionalInt primary = control.setting(name);
            int mine = Units.toInt(configured.conf().get(name), 0);
            if (primary.isPresent() && primary.getAsInt() > mine) {
                raised.put(name, String.valueOf(primary.getAsInt()));
            }
        }
        return raised;
    }

    /** Waits for a starting server to accept connections. */
    public StartOutcome awaitReady(Duration timeout) {
        return process.awaitReady(timeout);
    }

    public StopOutcome stop(StopMode mode) {
        return stop(mode, settings.pgCtlTimeout());
    }

    public StopOutcome stop(StopMode mode, Duration timeout) {
        return process.stop(mode, timeout);
    }

    /**
     * Stops in {@code mode} and, when the postmaster is still there after {@code abortAfter}, aborts it:
     * immediate shutdown, then SIGKILL to it and its children (Patroni's stop_timeout).
     */
    public StopOutcome stopOrAbort(StopMode mode, Duration abortAfter) {
        return new AbortingStop(process).stop(mode, abortAfter);
    }

    /** {@link #stopOrAbort} when {@code abortAfter} is given (primary_stop_timeout), else {@link #stop(StopMode)}. */
    public StopOutcome stop(StopMode mode, Optional<Duration> abortAfter) {
        return abortAfter.isPresent() ? stopOrAbort(mode, abortAfter.get()) : stop(mode);
    }

    /** SIGKILL to the postmaster and its children; false when nothing ran. */
    public boolean kill() {
        return process.kill();
    }

    /**
     * Promotes the local standby and waits up to {@code wait} for pg_control to say
     * "in production"; false if it has not yet (the promotion goes on).
     */
    public boolean promote(Duration wait) {
        process.promote();
        if (wait.isZero() || wait.isNegative()) {
            return false;
        }
        Instant deadline = Instant.now().plus(wait);
        do {
            if (controlData().clusterState() == ControlData.ClusterState.IN_PRODUCTION) {
                return true;
            }
            PostgresProcess.sleep(250);
        } while (Instant.now().isBefore(deadline));
        return false;
    }

    /** Signals a configuration reload and waits (up to the query timeout) until the server has done it. */
    public void reload() {
        Timestamp before = confLoadTime().orElse(null);
        process.reload();
        if (before == null) {
            return;
        }
        Instant deadline = Instant.now().plus(connector.timeout());
        while (Instant.now().isBefore(deadline)) {
            if (confLoadTime().map(after -> after.after(before)).orElse(true)) {
                return;
            }
            PostgresProcess.sleep(100);
        }
        throw new PostgresException("PostgreSQL did not reload its configuration within " + Commands.seconds(connector.timeout()));
    }

    private Optional<Timestamp> confLoadTime() {
        try (Connection connection = connector.local(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_catalog.pg_conf_load_time()")) {
            rs.next();
            return Optional.of(rs.getTimestamp(1));
        } catch (SQLException | PostgresException e) {
            return Optional.empty();
        }
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** The live postmaster's lock file, if one runs on the data directory. */
    public Optional<PostmasterPid> postmaster() {
        return process.postmaster();
    }

    /** pg_isready: the server accepts connections now. */
    public boolean isReady() {
        return process.isReady();
    }

    // ---- queries

    /** The local server as the REST API and member key show it; never throws for a server that is down. */
    public LocalPostgresStatus status() {
        Optional<PostmasterPid> pid = process.postmaster();
        if (pid.isEmpty()) {
            return LocalPostgresStatus.notRunning(PostmasterState.STOPPED, null, null);
        }
        if (PostmasterPid.STARTING.equals(pid.get().status())) {
            return LocalPostgresStatus.notRunning(PostmasterState.STARTING, pid.get().pid(), null);
        }
        if (PostmasterPid.STOPPING.equals(pid.get().status())) {
            return LocalPostgresStatus.notRunning(PostmasterState.STOPPING, pid.get().pid(), null);
        }
        Map<String, String> desired = configured().commandLine();
        try (Connection connection = connector.local()) {
            return StatusQueries.query(connection, pid.get(), desired);
        } catch (SQLException e) {
            return LocalPostgresStatus.notRunning(PostmasterState.UNKNOWN, pid.get().pid(),
                    connector.failure("status query failed", e).getMessage());
        } catch (PostgresException e) {
            return LocalPostgresStatus.notRunning(PostmasterState.UNKNOWN, pid.get().pid(), e.getMessage());
        }
    }

    /** A status reader that keeps its connection between looks; close it when done. */
    public StatusMonitor statusMonitor() {
        return new StatusMonitor(this);
    }

    Connection connectLocal() {
        return connector.local();
    }

    Map<String, String> desiredCommandLine() {
        return configured().commandLine();
    }

    /** CHECKPOINT on the local server (after a promotion, before a graceful stop). */
    public void checkpoint() {
        connector.onLocal("checkpoint failed", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute("CHECKPOINT");
            }
        });
    }

    /** CHECKPOINT on {@code source} as the superuser, so pg_rewind sees its new timeline. */
    public void checkpointOn(Upstream source) {
        try (Connection connection = connector.upstream(source, settings.authentication().superuser());
                Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw connector.failure("checkpoint on " + source + " failed", e);
        }
    }

    /** The primary's synchronous-replication facts (settings, flush position, streaming standbys). */
    public SynchronousFacts synchronousFacts() {
        return connector.onLocal("reading synchronous replication state failed", SynchronousFacts::query);
    }

    /** Writes a tiny transaction that waits for no standby, so newly named synchronous standbys can confirm it. */
    public void moveWal() {
        connector.onLocal("writing a transaction to move WAL failed", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute(SynchronousFacts.MOVE_WAL);
            }
        });
    }

    /** Fails unless the data directory is empty or missing, naming what could not be done. */
    void requireEmpty(String action) {
        DataDirectoryStatus state = dataDirectoryState();
        if (!state.isEmptyOrMissing()) {
            throw new PostgresException("cannot " + action + ": data directory " + settings.dataDir()
                    + " is not empty (" + state.state().name().toLowerCase() + ")");
        }
    }

    @Override
    public String toString() {
        return "Postgres[" + settings.dataDir() + "]";
    }
}
