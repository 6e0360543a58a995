package io.pgha.cli;

import io.pgha.api.NodeClient;
import io.pgha.api.RestClientSettings;
import io.pgha.cli.prompt.Prompter;
import io.pgha.cli.render.Surface;
import io.pgha.config.ConfigSources;
import io.pgha.config.CtlSettings;
import io.pgha.config.PatroniConfig;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Keyspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What one CLI invocation shares between its parts: the streams, the environment, the global
 * options, and the configuration, DCS connection and REST client, each opened on first use (so
 * {@code --help} opens nothing). Closed once the command ends.
 */
public final class CliContext implements AutoCloseable {
    private final Program program;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private PghaCommand options;
    private PatroniConfig config;
    private Dcs dcs;
    private NodeClient nodeClient;
    private Prompter prompter;
    private io.pgha.cli.render.Display display;

    CliContext(Program program, PrintWriter out, PrintWriter err, Map<String, String> env, Prompter prompter) {
        this.program = program;
        this.out = out;
        this.err = err;
        this.env = env;
        this.prompter = prompter;
    }

    CliContext withOptions(PghaCommand globalOptions) {
        this.options = globalOptions;
        return this;
    }

    public Program program() {
        return program;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Who answers questions: the terminal, a script in tests, or nobody (an error naming the option). */
    public Prompter prompter() {
        if (prompter == null) {
            prompter = Prompter.forThisProcess();
        }
        out.flush();
        return prompter;
    }

    /** Colours and width for pretty output: plain unless standard output is this process's terminal. */
    public io.pgha.cli.render.Display display() {
        if (display == null) {
            display = TerminalProbe.display(env);
        }
        return display;
    }

    public boolean verbose() {
        return options != null && options.verbose;
    }

    /** patronictl's configuration: -c file (or its defaults), PATRONI_* variables, then -d. */
    public PatroniConfig config() {
        if (config == null) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            config = ConfigSources.ctl(options.configFile, options.dcsUrl, env, Path.of(home));
        }
        return config;
    }

    /** Which patronictl's tables to reproduce (--compat / PGHA_COMPAT). */
    public Surface surface() {
        return switch (options.compat.trim()) {
            case "4.1", "4", "4.1.4" -> Surface.PATRONI_4_1;
            case "3.0", "3", "3.0.2" -> Surface.PATRONI_3_0;
            default -> throw new CliException("--compat must be 4.1 or 3.0, got " + options.compat, ExitCode.USAGE);
        };
    }

    public Duration dcsTimeout() {
        double seconds = options.dcsTimeoutSeconds;
        if (!(seconds > 0) || seconds > 3600) {
            throw new CliException("--dcs-timeout must be between 0 and 3600 seconds, got " + seconds, ExitCode.USAGE);
        }
        return Duration.ofMillis((long) (seconds * 1000));
    }

    /** etcd through its JSON gateway: the CLI never loads the gRPC client (it costs a second of start-up). */
    public Dcs dcs() {
        if (dcs == null) {
            dcs = new EtcdGatewayDcs(config().etcd(dcsTimeout()));
        }
        return dcs;
    }

    /** The cluster name: the argument when given, else scope from the configuration. */
    public String clusterName(String argument) {
        if (argument != null && !argument.isEmpty()) {
            return argument;
        }
        return config().scope().orElseThrow(() -> new CliException(
                "no cluster name given and no scope in the configuration"));
    }

    public Keyspace keyspace(String clusterName) {
        return config().cluster(clusterName);
    }

    /** One prefix read of the cluster; values that did not parse are reported on stderr. */
    public Cluster readCluster(String clusterName) {
        Keyspace keyspace = keyspace(clusterName);
        Cluster cluster = ClusterParser.parse(keyspace, dcs().range(keyspace.prefix()));
        for (String problem : cluster.problems()) {
            err.println("warning: " + keyspace.prefix() + problem);
        }
        return cluster;
    }

    public NodeClient nodeClient() {
        if (nodeClient == null) {
            CtlSettings ctl = config().ctl();
            boolean insecure = ctl.insecure() || options.insecure;
            nodeClient = new NodeClient(RestClientSettings.of(ctl, insecure, RestClientSettings.DEFAULT_TIMEOUT));
        }
        return nodeClient;
    }

    @Override
    public void close() {
        if (dcs != null) {
            dcs.close();
        }
        if (nodeClient != null) {
            nodeClient.close();
        }
        out.flush();
        err.flush();
    }
}
