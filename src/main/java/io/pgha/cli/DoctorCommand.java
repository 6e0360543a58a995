package io.pgha.cli;

import io.pgha.api.NodeClient;
import io.pgha.api.RestClientSettings;
import io.pgha.cli.doctor.Bytes;
import io.pgha.cli.doctor.Check;
import io.pgha.cli.doctor.Checks;
import io.pgha.cli.doctor.Facts;
import io.pgha.cli.doctor.Gatherer;
import io.pgha.cli.doctor.Report;
import io.pgha.cli.doctor.ReportText;
import io.pgha.cli.doctor.Severity;
import io.pgha.cli.doctor.Thresholds;
import io.pgha.cli.render.OutputFormat;
import io.pgha.cli.render.Style;
import io.pgha.config.CtlSettings;
import io.pgha.config.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code doctor}: the troubleshooting runbook as one command. Gathers the DCS, etcd's health, every
 * member's REST answer and (with credentials) SQL, runs the checks in io.pgha.cli.doctor, and exits as a
 * monitoring plugin does.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {
            "Check a cluster's health and say what to do about each problem: for people and for monitoring.",
            "Reads the DCS (etcd), asks etcd's endpoints about their health and every member's REST API (GET /patroni), "
                    + "and queries PostgreSQL over SQL when credentials allow: postgresql.authentication.superuser from "
                    + "the -c configuration file, else PGUSER with PGPASSWORD or a password file (PGPASSFILE, ~/.pgpass). "
                    + "Works on Patroni clusters as on pgha clusters.",
            "Each finding names its check, a severity (ok, warning, critical, unknown), why it matters and the command "
                    + "that fixes or investigates it.",
            "Checks (--check NAME):",
            "etcd-endpoints: every etcd endpoint answers GET /health as healthy and /v3/maintenance/status without errors.",
            "etcd-quorum: etcd has a leader and healthy members / total (/v3/cluster/member/list) keep a majority.",
            "members: every member answers GET /patroni within the timeout and its PostgreSQL runs.",
            "leader: the leader key exists and its holder answers its REST API, running as primary.",
            "split-brain: at most one member is a writable primary, by REST role and by pg_is_in_recovery() (critical).",
            "pause: the cluster is not paused (maintenance mode).",
            "replication: each replica streams and its lag stays within maximum_lag_on_failover and --lag-warning "
                    + "(critical past --lag-critical).",
            "failover-readiness: how many members could take over now (running, no nofailover tag, lag within "
                    + "maximum_lag_on_failover); none is critical.",
            "timing: ttl >= loop_wait + 2*retry_timeout, ttl >= 2*loop_wait, ttl >= 20, loop_wait >= 1, retry_timeout >= 3.",
            "slots: no inactive replication slot on the primary (SQL), critical when one retains more than "
                    + "--slot-wal-critical.",
            "wal-size: pg_wal on each member stays below --wal-warning and --wal-critical (SQL).",
            "pending-restart: no member waits for a restart to apply changed settings.",
            "timeline: every running member is on the leader's timeline.",
            "sync: with synchronous_mode set, a running synchronous standby is named in /sync.",
            "versions: members publish the same Patroni/pgha version and run the same PostgreSQL version.",
            "keys: every key of the cluster holds a value of the form Patroni writes.",
            "Exit status follows the monitoring-plugin convention, unlike the other commands' (see EXIT STATUS)."
        },
        exitCodeListHeading = "%nExit status (monitoring-plugin convention):%n",
        exitCodeList = {
            "0:every finding is ok",
            "1:a warning",
            "2:a critical finding; also a command line that cannot be parsed",
            "3:unknown: doctor could not check (bad option value, no configuration, cluster keys unreadable)"
        })
public final class DoctorCommand implements Callable<Integer> {
    private static final int UNKNOWN = 3;

    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER", completionCandidates = DcsNames.Clusters.class,
            description = "Default: scope from the configuration.")
    String clusterName;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty", converter = FormatOption.class,
            completionCandidates = Formats.class, description = "Output format: pretty, json, yaml. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--check", paramLabel = "NAME", completionCandidates = CheckNames.class,
            description = "Run only this check (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> checks = new ArrayList<>();

    @Option(names = {"-w", "--watch"}, paramLabel = "SECONDS", description = "Repeat every SECONDS until interrupted.")
    Double watchSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "Give each call to etcd, a member's REST API or PostgreSQL this long (default ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--lag-warning", paramLabel = "SIZE", defaultValue = "100MB",
            description = "Replication lag that is a warning (default ${DEFAULT-VALUE}); lag past maximum_lag_on_failover is one too.")
    String lagWarning;

    @Option(names = "--lag-critical", paramLabel = "SIZE", defaultValue = "1GB",
            description = "Replication lag that is critical (default ${DEFAULT-VALUE}).")
    String lagCritical;

    @Option(names = "--slot-wal-critical", paramLabel = "SIZE", defaultValue = "1GB",
            description = "WAL retained by an inactive slot that is critical (default ${DEFAULT-VALUE}).")
    String slotWalCritical;

    @Option(names = "--wal-warning", paramLabel = "SIZE", defaultValue = "2GB",
            description = "pg_wal size that is a warning (default ${DEFAULT-VALUE}).")
    String walWarning;

    @Option(names = "--wal-critical", paramLabel = "SIZE", defaultValue = "8GB",
            description = "pg_wal size that is critical (default ${DEFAULT-VALUE}).")
    String walCritical;

    @Override
    public Integer call() {
        CliContext context = root.context();
        try {
            if (format == OutputFormat.TSV) {
                throw new CliException("doctor prints pretty, json or yaml, not tsv");
            }
            if (watchSeconds != null && !(watchSeconds > 0)) {
                throw new CliException("--watch wants a positive number of seconds, got " + watchSeconds);
            }
            if (!(timeoutSeconds > 0) || timeoutSeconds > 600) {
                throw new CliException("--timeout must be between 0 and 600 seconds, got " + timeoutSeconds);
            }
            List<Check> selected = selected();
            Thresholds thresholds = thresholds();
            String name = context.clusterName(clusterName);
            Duration timeout = Duration.ofMillis((long) (timeoutSeconds * 1000));
            Style style = context.display().colour() ? ReportText.COLOURS : Style.PLAIN;
            int[] exit = {UNKNOWN};
            try (NodeClient nodes = nodeClient(context, timeout); Gatherer gatherer = gatherer(context, name, nodes, timeout)) {
                ClusterWatch.run(context, false, watchSeconds, watchSeconds != null, ctx -> {
                    Facts facts = gatherer.gather(thresholds);
                    Report report = new Report(name, Checks.run(selected, facts));
                    exit[0] = report.exitCode();
                    return ReportText.render(report, format, style);
                });
            }
            return exit[0];
        } catch (CliException | io.pgha.config.ConfigException | io.pgha.dcs.DcsException e) {
            context.err().println("Error: " + e.getMessage());
            return UNKNOWN;
        }
    }

    private List<Check> selected() {
        if (checks.isEmpty()) {
            return Checks.ALL;
        }
        Set<Check> chosen = new LinkedHashSet<>();
        for (String name : checks) {
            chosen.add(Checks.named(name).orElseThrow(() -> new CliException("no check named '" + name + "'; checks: "
                    + String.join(", ", Checks.names()))));
        }
        return Checks.ALL.stream().filter(chosen::contains).toList();
    }

    private Thresholds thresholds() {
        try {
            return new Thresholds(Bytes.parse(lagWarning), Bytes.parse(lagCritical), Bytes.parse(slotWalCritical),
                    Bytes.parse(walWarning), Bytes.parse(walCritical));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    private NodeClient nodeClient(CliContext context, Duration timeout) {
        CtlSettings ctl = context.config().ctl();
        boolean insecure = ctl.insecure() || root.insecure;
        return new NodeClient(RestClientSettings.of(ctl, insecure, timeout));
    }

    private static Gatherer gatherer(CliContext context, String name, NodeClient nodes, Duration timeout) {
        Section superuser = context.config().section("postgresql", "authentication", "superuser");
        String user = superuser.string("username").orElse(null);
        String password = superuser.string("password").orElse(null);
        String skipped = null;
        if (user == null) {
            password = context.env().get("PGPASSWORD");
            String home = context.env().getOrDefault("HOME", System.getProperty("user.home"));
            String passFile = context.env().getOrDefault("PGPASSFILE", home + "/.pgpass");
            if (password != null || Files.isReadable(Path.of(passFile))) {
                user = context.env().getOrDefault("PGUSER", System.getProperty("user.name"));
            } else {
                skipped = "no database credentials (postgresql.authentication.superuser in -c FILE, PGPASSWORD or ~/.pgpass)";
            }
        }
        return Gatherer.of(context.dcs(), context.keyspace(name), context.config().etcd(context.dcsTimeout()), nodes,
                user, password, skipped, timeout);
    }

    /** What completion offers for -f. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("pretty", "json", "yaml").iterator();
        }
    }

    /** What completion offers for --check. */
    static final class CheckNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Checks.names().iterator();
        }
    }
}
