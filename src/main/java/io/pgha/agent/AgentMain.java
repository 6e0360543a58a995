package io.pgha.agent;

import io.pgha.config.ConfigException;
import io.pgha.config.ConfigSources;
import io.pgha.config.PatroniConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code pgha agent -c patroni.yml} and {@code pgha agent --validate-config patroni.yml}: the agent as a
 * process. SIGTERM and SIGINT stop it gracefully (the JVM is the process systemd signals); SIGHUP is
 * logged, as reloading the local configuration is not supported yet.
 */
public final class AgentMain {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private AgentMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs until the agent stops; {@code args} are what follows {@code pgha agent}. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        String file = null;
        boolean validate = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-c", "--config", "--config-file" -> {
                    if (i + 1 >= args.length) {
                        err.println("pgha agent: " + arg + " needs a file");
                        return USAGE;
                    }
                    file = args[++i];
                }
                case "--validate-config" -> validate = true;
                case "-h", "--help" -> {
                    out.println("Usage: pgha agent [-c] FILE | pgha agent --validate-config FILE");
                    return OK;
                }
                default -> {
                    if (arg.startsWith("-") || file != null) {
                        err.println("pgha agent: unexpected argument " + arg);
                        return USAGE;
                    }
                    file = arg;
                }
            }
        }
        return validate ? validate(file, err, env) : runAgent(file, err, env);
    }

    /** Loads and checks every section the agent reads; prints the problem, or nothing when all is well. */
    public static int validate(String file, PrintStream err, Map<String, String> env) {
        try {
            AgentConfig config = AgentConfig.from(ConfigSources.local(file == null ? null : Path.of(file), env));
            config.postgresSettings(config.bootstrapDynamic());
            config.etcd3().toSettings(Duration.ofSeconds(10));
            return OK;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }

    private static int runAgent(String file, PrintStream err, Map<String, String> env) {
        PatroniConfig patroni;
        Agent agent;
        try {
            patroni = ConfigSources.local(file == null ? null : Path.of(file), env);
            agent = Agent.builder(patroni).build();
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return FAILED;
        }
        AgentLogging.install(Boolean.parseBoolean(env.getOrDefault("PGHA_DEBUG", "false")));
        Signals.onTermination(agent::stop);
        Signals.onHangup(() -> System.getLogger(AgentMain.class.getName()).log(System.Logger.Level.WARNING,
                "SIGHUP: reloading the local configuration is not supported yet; restart the agent to apply changes"));
        agent.start();
        try {
            agent.awaitTermination(Duration.ofDays(365 * 100L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return agent.exitStatus();
    }
}
