package io.pgha.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pgha agent -c patroni.yml}: run the HA agent; {@code pgha agent --validate-config patroni.yml}:
 * check a configuration file. Only this command's {@link #call} touches the agent's classes (and with
 * them jetcd, gRPC and Netty): its fields and signatures stay plain so picocli's reflection at start-up
 * loads nothing of the agent for the other commands.
 */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Run the HA agent for the local PostgreSQL (Patroni-compatible), or check its configuration.")
public final class AgentCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    PghaCommand root;

    @Option(names = {"-c", "--config-file"}, paramLabel = "FILE",
            description = "The agent's configuration (patroni.yml format; a directory merges its *.yml files).")
    String configFile;

    @Option(names = "--validate-config",
            description = "Check the configuration and exit: nothing printed and exit 0 when it is valid.")
    boolean validateConfig;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The configuration, as Patroni takes it.")
    String positionalFile;

    @Override
    public Integer call() {
        CliContext context = root.context();
        if (configFile != null && positionalFile != null && !configFile.equals(positionalFile)) {
            throw new CliException("give the configuration once: -c " + configFile + " or " + positionalFile,
                    ExitCode.USAGE);
        }
        String file = configFile != null ? configFile : positionalFile;
        if (validateConfig) {
            return io.pgha.agent.AgentProcess.validate(file, context.err(), context.env());
        }
        return io.pgha.agent.AgentProcess.run(file, context.err(), context.env());
    }
}
