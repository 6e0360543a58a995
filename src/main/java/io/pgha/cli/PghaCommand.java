package io.pgha.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The top-level command: patronictl's global options plus pgha's own, and the subcommands. */
@Command(name = "pgha",
        description = "Administer PostgreSQL high-availability clusters (Patroni-compatible).",
        mixinStandardHelpOptions = true,
        versionProvider = PghaCommand.VersionProvider.class,
        subcommands = {
            ListCommand.class,
            TopologyCommand.class,
            HistoryCommand.class,
            ShowConfigCommand.class,
            EditConfigCommand.class,
            QueryCommand.class,
            RemoveCommand.class,
            DsnCommand.class,
            VersionCommand.class,
            SwitchoverCommand.class,
            FailoverCommand.class,
            RestartCommand.class,
            ReloadCommand.class,
            ReinitCommand.class,
            FlushCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            AgentCommand.class,
            CompleteCommand.class,
        })
public final class PghaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config-file"}, paramLabel = "FILE",
            description = "Configuration file (patroni.yml format). Default: $PATRONICTL_CONFIG_FILE, "
                    + "else ~/.config/patroni/patronictl.yaml when it exists.")
    String configFile;

    @Option(names = {"-d", "--dcs-url", "--dcs"}, paramLabel = "URL",
            description = "The DCS connect url: etcd3://HOST:PORT/NAMESPACE (also $DCS_URL).")
    String dcsUrl;

    @Option(names = {"-k", "--insecure"}, description = "Allow connections to SSL sites without certs.")
    boolean insecure;

    @Option(names = "--dcs-timeout", paramLabel = "SECONDS", defaultValue = "${env:PGHA_DCS_TIMEOUT:-5}",
            description = "Give up on etcd after this many seconds, across all endpoints (default ${DEFAULT-VALUE}; "
                    + "env PGHA_DCS_TIMEOUT).")
    double dcsTimeoutSeconds;

    @Option(names = "--compat", paramLabel = "VERSION", defaultValue = "${env:PGHA_COMPAT:-4.1}",
            description = "Render tables as patronictl of this Patroni version does: 4.1 (default; LSN columns) "
                    + "or 3.0 (Lag in MB, as Debian 12's patronictl). Env PGHA_COMPAT.")
    String compat;

    @Option(names = "--verbose", description = "Print stack traces of unexpected errors.")
    boolean verbose;

    private CliContext context;

    void attach(CliContext cliContext) {
        this.context = cliContext;
    }

    /** The per-invocation context, with these global options applied. */
    CliContext context() {
        return context.withOptions(this);
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    /** {@code pgha --version}. */
    static final class VersionProvider implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pgha " + io.pgha.Version.PGHA};
        }
    }
}
