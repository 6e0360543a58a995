package io.pgha.agent;

import io.pgha.config.ConfigException;
import io.pgha.config.ConfigSources;
import io.pgha.config.LogSection;
import io.pgha.config.PatroniConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent as a process ({@code pgha agent}): SIGTERM and SIGINT stop it gracefully (the JVM is the
 * process systemd signals); SIGHUP reloads the configuration (as {@code POST /reload}).
 * Exit status 0 after a requested stop, 1 on a configuration error or a fatal condition.
 */
public final class AgentProcess {
    public static final int OK = 0;
    public static final int FAILED = 1;

    private AgentProcess() {
    }

    /**
     * Loads and checks every section the agent reads, as Patroni's {@code --validate-config}: silent and 0
     * when all is well, the problem on {@code err} and 1 otherwise.
     *
     * @param file the configuration file or directory; null: {@code PATRONI_CONFIGURATION} or the environment
     */
    public static int validate(String file, PrintWriter err, Map<String, String> env) {
        try {
            AgentConfig config = AgentConfig.from(ConfigSources.local(file == null ? null : Path.of(file), env));
            config.postgresSettings(config.bootstrapDynamic());
            config.etcd3().toSettings(Duration.ofSeconds(10));
            LogSection.from(config.source());
            Agent.restSecurity(config);
            return OK;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return FAILED;
        }
    }

    /** Runs an agent until it stops; logs go to stderr, one line per event. */
    public static int run(String file, PrintWriter err, Map<String, String> env) {
        Agent agent;
        try {
            PatroniConfig patroni = ConfigSources.local(file == null ? null : Path.of(file), env);
            Path path = file == null ? null : Path.of(file);
            agent = Agent.builder(patroni).reloadFrom(() -> ConfigSources.local(path, env)).build();
            err.flush();
            AgentLogging.install(LogSection.from(patroni), Boolean.parseBoolean(env.getOrDefault("PGHA_DEBUG", "false")));
        } catch (ConfigException | java.io.UncheckedIOException e) {
            err.println(e.getMessage());
            return FAILED;
        }
        SystemdNotifier systemd = SystemdNotifier.fromEnvironment(env, "systemd-notify");
        if (systemd != null) {
            agent.addCycleListener(systemd);
        }
        Signals.onTermination(() -> {
            if (systemd != null) {
                systemd.stopping();
            }
            agent.stop();
        });
        Signals.onHangup(agent::reload);
        agent.start();
        try {
            while (!agent.awaitTermination(Duration.ofDays(1))) {
                // keep waiting: the agent runs until it is stopped
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.stop();
        }
        if (systemd != null) {
            systemd.close();
        }
        return agent.exitStatus();
    }
}
