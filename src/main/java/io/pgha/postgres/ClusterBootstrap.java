package io.pgha.postgres;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Creates a new cluster in the empty data directory (ha-loop.md §14): initdb or a custom bootstrap method,
 * then, on the running new primary, its roles and the post_bootstrap script. Reached through
 * {@link Postgres#clusterBootstrap()}.
 */
public final class ClusterBootstrap {
    /** The facade's logger: these lines kept the name they had when the facade did the bootstrap itself. */
    private static final System.Logger LOG = System.getLogger(Postgres.class.getName());
    public static final Duration DEFAULT_INITDB_TIMEOUT = Duration.ofMinutes(5);

    private final Postgres postgres;
    private final PostgresSettings settings;
    private final Commands commands;
    private final ConfigWriter writer;
    private final PostgresProcess process;
    private final Connector connector;

    ClusterBootstrap(Postgres postgres, Commands commands, ConfigWriter writer, PostgresProcess process,
                     Connector connector) {
        this.postgres = postgres;
        this.settings = postgres.settings();
        this.commands = commands;
        this.writer = writer;
        this.process = process;
        this.connector = connector;
    }

    /** initdb with bootstrap.initdb options, then bootstrap.pg_hba appended to pg_hba.conf. */
    public void initdb() {
        initdb(DEFAULT_INITDB_TIMEOUT);
    }

    public void initdb(Duration timeout) {
        postgres.requireEmpty("initdb");
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
    public void runCustomMethod(CustomBootstrap method, List<String> words, Duration timeout) {
        postgres.requireEmpty("run the custom bootstrap method " + method.name());
        PgPass.write(settings.pgpass(), settings.authentication().all());
        new CustomBootstrapScript(settings, commands, writer).run(method, words, timeout);
    }

    /**
     * Starts what a custom bootstrap method restored: its recovery settings (or the command's own, or
     * none), pg_hba.conf trusting only the agent's own connections, hot_standby off when the recovery
     * ends in a promotion. The saved configuration is not overwritten with these temporary files.
     */
    public StartOutcome startAfterCustomMethod(CustomBootstrap method, Duration timeout) {
        DataDirectoryStatus state = postgres.dataDirectoryState();
        if (state.state() != DataDirectoryState.INITIALIZED) {
            throw new PostgresException("cannot start PostgreSQL: " + state.detail());
        }
        PgPass.write(settings.pgpass(), settings.authentication().all());
        GucCatalogue catalogue = GucCatalogue.of(settings, commands);
        Map<String, String> raised = new TreeMap<>(postgres.raisedForReplica(postgres.controlData()));
        if (method.hotStandbyOff()) {
            raised.put("hot_standby", "off");
        }
        ServerParameters parameters = ServerParameters
                .compute(settings, postgres.majorVersion(), catalogue::accepts, raised)
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
    public boolean finishCustomMethod(CustomBootstrap method) {
        boolean restart = method.hotStandbyOff() || settings.parameters().containsKey("hba_file")
                || !postgres.raisedForReplica(postgres.controlData()).isEmpty();
        if (settings.pgHba().isEmpty()) {
            writer.dropManagedHba();
            writer.restoreBackups();
        }
        postgres.prepare(PostgresRole.PRIMARY, Optional.empty());
        if (restart) {
            return true;
        }
        postgres.reload();
        return connector.onLocal("checking for settings that need a restart failed", connection -> {
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
        connector.onLocal("creating roles failed", connection -> {
            Bootstrap.createRoles(connection, settings.authentication());
            return null;
        });
    }

    /** A new cluster, running as primary with its roles: initdb, start, createRoles. */
    public void run() {
        initdb();
        if (postgres.start(PostgresRole.PRIMARY, Optional.empty()) != StartOutcome.READY) {
            throw new PostgresException("new cluster did not accept connections within "
                    + Commands.seconds(settings.pgCtlTimeout()));
        }
        createRoles();
    }
}
