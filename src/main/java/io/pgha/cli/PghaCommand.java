package io.pgha.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top-level command: patronictl's global options plus pgha's own, and the subcommands. These are
 * registered by {@link CommandLineFactory}, not through {@code @Command(subcommands)}, so that a command
 * line builds the model of the subcommand it runs only; the top-level help lists them all (see
 * {@link RootHelp}), but {@code spec.subcommands()} of a running command holds only the named ones.
 */
@Command(name = "pgha",
        description = "Administer PostgreSQL high-availability clusters (Patroni-compatible).",
        mixinStandardHelpOptions = true,
        versionProvider = PghaCommand.VersionProvider.class)
public final class PghaCommand implements Runnable {
    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ListCommand.class,
            TopologyCommand.class,
            HistoryCommand.class,
            ShowConfigCommand.class,
            EditConfigCommand.class,
            QueryCommand.class,
            RemoveCommand.class,
            DoctorCommand.class,
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
            CompleteCommand.class);

    @Spec
    CommandSpec spec;

    /** The whole command tree, every subcommand built from its annotations (for generated documentation). */
    public static CommandLine tree() {
        CommandLine commandLine = new CommandLine(new PghaCommand());
        SUBCOMMANDS.forEach(commandLine::addSubcommand);
        return commandLine;
    }

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
