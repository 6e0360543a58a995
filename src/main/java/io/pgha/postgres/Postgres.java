package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.Files;
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
 * Everything the agent does to the local PostgreSQL, in one place. Stateless but for the settings:
 * every call looks at the data directory and the server afresh. Every call is bounded in time and
 * fails with a {@link PostgresException} carrying one line without any password.
 */
public final class Postgres {
    private static final System.Logger LOG = System.getLogger(Postgres.class.getName());
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INITDB_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CLONE_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_REWIND_TIMEOUT = Duration.ofHours(1);
    /** A backup tool's restore of a large cluster takes hours; Patroni sets no limit at all. */
    public static final Duration DEFAULT_REPLICA_PROGRAM_TIMEOUT = Duration.ofHours(24);

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
        Path target = settings.dataDir().resolveSibling(settings.dataDir().getFileName() + ".failed");
        for (int i = 1; Files.exists(target); i++) {
            target = settings.dataDir().resolveSibling(settings.dataDir().getFileName() + ".failed." + i);
        }
        try {
            if (Files.exists(settings.dataDir())) {
                Files.move(settings.dataDir(), target);
            }
            return target;
        } catch (IOException e) {
            throw new PostgresException("cannot move " + settings.dataDir() + " to " + target + ": " + e.getMessage(), e);
        }
    }

    // ---- new cluster, clone, rewind

    /** initdb with bootstrap.initdb options, then bootstrap.pg_hba appended to pg_hba.conf. */
    public void initdb() {
        initdb(DEFAULT_INITDB_TIMEOUT);
    }

    public void initdb(Duration timeout) {
        requireEmpty("initdb");
        PgPass.write(settings.pgpass(), settings.authentication().all());
        new Bootstrap(settings, commands).initdb(timeout);
        writer.appendBootstrapHba(settings.bootstrapPgHba());
    }

    /**
     * Runs a custom bootstrap method's command into the empty data directory (ha-loop.md §14.2), then
     * restores the configuration files and saves them before the first start.
     *
     * @param words the method's command split into words as Python's shlex does
     */
    public void runCustomBootstrap(CustomBootstrap method, List<String> words, Duration timeout) {
        requireEmpty("run the custom bootstrap method " + method.name());
        PgPass.write(settings.pgpass(), settings.authentication().all());
        new CustomBootstrapScript(settings, commands, writer).run(method, words, timeout);
    }

    /**
     * Starts what a custom bootstrap method restored: its recovery settings (or the command's own, or
     * none), pg_hba.conf trusting only the agent's own connections, hot_standby off when the recovery
     * ends in a promotion. The saved configuration is not overwritten with these temporary files.
     */
    public StartOutcome startAfterCustomBootstrap(CustomBootstrap method, Duration timeout) {
        DataDirectoryStatus state = dataDirectoryState();
        if (state.state() != DataDirectoryState.INITIALIZED) {
            throw new PostgresException("cannot start PostgreSQL: " + state.detail());
        }
        PgPass.write(settings.pgpass(), settings.authentication().all());
        GucCatalogue catalogue = GucCatalogue.of(settings, commands);
        Map<String, String> raised = new TreeMap<>(raisedForReplica(controlData()));
        if (method.hotStandbyOff()) {
            raised.put("hot_standby", "off");
        }
        ServerParameters parameters = ServerParameters.compute(settings, majorVersion(), catalogue::accepts, raised)
                .withHbaFile(settings.configDir().resolve("pg_hba.conf").toString());
        parameters.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
        ConfigWriter.Signal signal = method.recoveryConf() != null
                ? (method.standbyMode() ? ConfigWriter.Signal.STANDBY : ConfigWriter.Signal.RECOVERY)
                : method.keepExistingRecoveryConf() ? ConfigWriter.Signal.KEEP : ConfigWriter.Signal.NONE;
        writer.writeForCustomBootstrap(parameters, method.recoverySettings(), signal, TrustHba.lines(settings));
        return process.start(parameters, timeout);
    }

    /**
     * The end of a custom bootstrap (ha-loop.md §14.3 step 5), once the roles are set: the saved pg_hba.conf
     * back (unless postgresql.pg_hba manages it), the configuration of a primary, no recovery settings. True
     * when the server must be restarted for it, as Patroni decides: a custom hba_file, or a start with
     * hot_standby off or with raised limits; otherwise the server reloaded it, and true only if a reloaded
     * setting still waits for a restart. The guarded parameters sit on the postmaster's command line, where
     * a reload cannot change them and pg_settings does not flag them: hence the explicit checks.
     */
    public boolean finishCustomBootstrap(CustomBootstrap method) {
        boolean restart = method.hotStandbyOff() || settings.parameters().containsKey("hba_file")
                || !raisedForReplica(controlData()).isEmpty();
        if (settings.pgHba().isEmpty()) {
            writer.dropManagedHba();
            writer.restoreBackups();
        }
        prepare(PostgresRole.PRIMARY, Optional.empty());
        if (restart) {
            return true;
        }
        reload();
        return onLocal("checking for settings that need a restart failed", connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_catalog.pg_settings WHERE pending_restart")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    /**
     * Runs {@code bootstrap.post_bootstrap} against the new primary (words as Python's shlex splits them);
     * fails when it exits non-zero.
     */
    public void runPostBootstrapScript(List<String> words, Duration timeout) {
        PgPass.write(settings.pgpass(), settings.authentication().all());
        new PostBootstrapScript(settings, commands).run(words, timeout);
    }

    /** post_bootstrap's roles on the running new primary: superuser password, replication and rewind roles. */
    public void createRoles() {
        onLocal("creating roles failed", connection -> {
            Bootstrap.createRoles(connection, settings.authentication());
            return null;
        });
    }

    /** A new cluster, running as primary with its roles: initdb, start, createRoles. */
    public void bootstrap() {
        initdb();
        if (start(PostgresRole.PRIMARY, Optional.empty()) != StartOutcome.READY) {
            throw new PostgresException("new cluster did not accept connections within "
                    + Commands.seconds(settings.pgCtlTimeout()));
        }
        createRoles();
    }

    /** pg_basebackup from {@code source} into the empty data directory (two attempts, 5 s apart). */
    public void cloneFrom(Upstream source) {
        cloneFrom(source, DEFAULT_CLONE_TIMEOUT);
    }

    public void cloneFrom(Upstream source, Duration timeoutPerAttempt) {
        requireEmpty("clone");
        PgPass.write(settings.pgpass(), settings.authentication().all());
        new Clone(settings, commands, 2, Duration.ofSeconds(5)).from(source, timeoutPerAttempt);
        writer.restoreBackups();
    }

    /**
     * Creates this replica's data directory with {@code methods} in order until one succeeds (ha-loop.md
     * §14.1), then restores the configuration files a backup may lack and removes a promote trigger file.
     * A total failure removes the data directory.
     *
     * @param source the member to copy from; empty: only the methods with {@code no_leader} run
     * @return the method that created the replica
     */
    public ReplicaMethod createReplica(Optional<Upstream> source, List<ReplicaMethod> methods) {
        return createReplica(source, methods, DEFAULT_CLONE_TIMEOUT, DEFAULT_REPLICA_PROGRAM_TIMEOUT);
    }

    public ReplicaMethod createReplica(Optional<Upstream> source, List<ReplicaMethod> methods,
                                       Duration basebackupTimeout, Duration programTimeout) {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("cannot create a replica while PostgreSQL runs (pid " + pid.pid() + ")");
        });
        PgPass.write(settings.pgpass(), settings.authentication().all());
        ReplicaMethod method;
        try {
            method = new CreateReplica(settings, commands, new Clone(settings, commands, 2, Duration.ofSeconds(5)))
                    .run(source, methods, basebackupTimeout, programTimeout);
        } catch (PostgresException e) {
            dataDirectory.remove();
            throw e;
        }
        writer.restoreBackups();
        removePromoteTrigger();
        return method;
    }

    /** A trigger file restored with a backup would promote the new replica at once. */
    private void removePromoteTrigger() {
        String configured = settings.recoveryConf().getOrDefault("promote_trigger_file",
                settings.recoveryConf().get("trigger_file"));
        Path trigger = settings.dataDir().resolve(configured == null || configured.isEmpty() ? "promote" : configured);
        try {
            Files.deleteIfExists(trigger);
        } catch (IOException e) {
            throw new PostgresException("cannot remove the promote trigger file " + trigger + ": " + e.getMessage(), e);
        }
    }

    /** pg_rewind the stopped data directory to {@code source}; returns pg_rewind's output. */
    public String rewindFrom(Upstream source) {
        return rewindFrom(source, DEFAULT_REWIND_TIMEOUT);
    }

    public String rewindFrom(Upstream source, Duration timeout) {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("cannot rewind while PostgreSQL runs (pid " + pid.pid() + "); stop it first");
        });
        PgPass.write(settings.pgpass(), settings.authentication().all());
        return new Rewind(settings, commands).from(source, timeout);
    }

    /**
     * Single-user crash recovery of a stopped data directory that a primary left unclean (state
     * {@code in production} or {@code in crash recovery}); afterwards it is cleanly shut down.
     */
    public void crashRecovery(Duration timeout) {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("cannot run crash recovery while PostgreSQL runs (pid " + pid.pid() + ")");
        });
        new CrashRecovery(settings, commands).run(timeout);
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

    private ServerParameters prepare(PostgresRole role, Optional<Upstream> upstream) {
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
    private Map<String, String> raisedForReplica(ControlData control) {
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

    java.util.Map<String, String> desiredCommandLine() {
        return configured().commandLine();
    }

    /** CHECKPOINT on the local server (after a promotion, before a graceful stop). */
    public void checkpoint() {
        onLocal("checkpoint failed", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute("CHECKPOINT");
            }
        });
    }

    /** IDENTIFY_SYSTEM on {@code upstream} over a replication connection (replication user). */
    public SystemIdentity identifySystem(Upstream upstream) {
        return new ReplicationProtocol(settings, connector).identifySystem(upstream);
    }

    /** The history of {@code timeline} on {@code upstream} (TIMELINE_HISTORY); empty for timeline 1. */
    public List<TimelineHistory.Entry> timelineHistory(Upstream upstream, int timeline) {
        return new ReplicationProtocol(settings, connector).timelineHistory(upstream, timeline);
    }

    /** The local {@code pg_wal/<timeline>.history} file, parsed; empty for timeline 1. */
    public List<TimelineHistory.Entry> localTimelineHistory(int timeline) {
        if (timeline <= 1) {
            return List.of();
        }
        Path file = settings.dataDir().resolve("pg_wal").resolve(String.format("%08X.history", timeline));
        try {
            return TimelineHistory.parse(Files.readString(file));
        } catch (IOException e) {
            throw new PostgresException("cannot read timeline history " + file + ": " + e.getMessage(), e);
        }
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
        return onLocal("reading synchronous replication state failed", SynchronousFacts::query);
    }

    /** Writes a tiny transaction that waits for no standby, so newly named synchronous standbys can confirm it. */
    public void moveWal() {
        onLocal("writing a transaction to move WAL failed", connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute(SynchronousFacts.MOVE_WAL);
            }
        });
    }

    public List<ReplicationSlot> slots() {
        return onLocal("listing replication slots failed", Slots::list);
    }

    /** The physical slot {@code memberName} streams through (§16.1 name); false if it existed. */
    public boolean createMemberSlot(String memberName) {
        return createPhysicalSlot(SlotNames.forMember(memberName));
    }

    public boolean createPhysicalSlot(String slotName) {
        Slots.requireValid(slotName);
        return onLocal("creating replication slot " + slotName + " failed", c -> Slots.createPhysical(c, slotName));
    }

    /** Drops a slot, terminating its walsender if active; false if it did not exist. */
    public boolean dropSlot(String slotName) {
        return onLocal("dropping replication slot " + slotName + " failed", c -> Slots.drop(c, slotName));
    }

    public void advanceSlot(String slotName, long lsn) {
        onLocal("advancing replication slot " + slotName + " to " + Lsn.format(lsn) + " failed", c -> {
            Slots.advance(c, slotName, lsn);
            return null;
        });
    }

    /** A logical slot in {@code database} decoding with {@code plugin}; false if it existed. */
    public boolean createLogicalSlot(String slotName, String database, String plugin) {
        Slots.requireValid(slotName);
        try (Connection connection = connector.local(database)) {
            return Slots.createLogical(connection, slotName, plugin);
        } catch (SQLException e) {
            throw connector.failure("creating logical replication slot " + slotName + " (plugin " + plugin
                    + ", database " + database + ") failed", e);
        }
    }

    /**
     * Moves a logical slot of {@code database} forward to {@code lsn} (a replica stops at its replay
     * position). False when the WAL the slot needs is gone here (SQLSTATE 58P01): the slot must be copied again.
     */
    public boolean advanceLogicalSlot(String slotName, String database, long lsn) {
        try (Connection connection = connector.local(database)) {
            Slots.advance(connection, slotName, lsn);
            return true;
        } catch (SQLException e) {
            if ("58P01".equals(e.getSQLState())) {
                return false;
            }
            throw connector.failure("advancing logical replication slot " + slotName + " to " + Lsn.format(lsn)
                    + " failed", e);
        }
    }

    /**
     * The named logical slots of the primary {@code source} with their state files, read as the rewind user
     * (or the superuser): pg_read_binary_file needs those rights.
     */
    public List<SlotState> readSlotStates(Upstream source, List<String> slotNames) {
        try (Connection connection = connector.upstream(source, settings.authentication().rewindOrSuperuser())) {
            return Slots.readStates(connection, slotNames);
        } catch (SQLException e) {
            throw connector.failure("reading logical slots from " + source + " failed", e);
        }
    }

    /**
     * Puts copied slot state files into pg_replslot of the stopped server, each directory written aside,
     * synced and renamed into place, so PostgreSQL finds the slots when it starts.
     */
    public void installSlotStates(List<SlotState> states) {
        if (isRunning()) {
            throw new PostgresException("cannot install replication slots while PostgreSQL runs");
        }
        SlotFiles.install(settings.dataDir().resolve("pg_replslot"), states);
    }

    /** Work on one connection to the local server. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T onLocal(String failure, SqlWork<T> work) {
        try (Connection connection = connector.local()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw connector.failure(failure, e);
        }
    }

    private void requireEmpty(String action) {
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
