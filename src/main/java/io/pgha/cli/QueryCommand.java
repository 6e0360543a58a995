package io.pgha.cli;

import io.pgha.cli.render.OutputFormat;
import io.pgha.cli.render.Printer;
import io.pgha.cli.render.Surface;
import io.pgha.cli.render.Table;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.text.PyText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code query}: runs SQL on the leader, a member with a role, or a named member (patronictl.md §2.12).
 * Only the host and port come from the member's conn_url; user, password and database are the command
 * line's or libpq's defaults (PGUSER, PGPASSWORD, PGDATABASE, ~/.pgpass), never the configuration's.
 * Failures are printed as a data row and exit 0, as patronictl prints them.
 */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Query a Patroni PostgreSQL member.")
public final class QueryCommand implements Callable<Integer> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterOrScope target = new ClusterOrScope();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "tsv", converter = FormatOption.class,
            completionCandidates = FormatOption.Names.class,
            description = "Output format: pretty, tsv, json, yaml. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Execute the SQL commands from this file (- for stdin).")
    String file;

    @Option(names = "--password", description = "Force password prompt.")
    boolean askPassword;

    @Option(names = {"-U", "--username"}, paramLabel = "USER", description = "Database user name.")
    String username;

    @Option(names = "-W", description = "Auto update the screen every 2 seconds.")
    boolean watchEveryTwoSeconds;

    @Option(names = {"-w", "--watch"}, paramLabel = "SECONDS", description = "Auto update the screen every X seconds.")
    Double watchSeconds;

    @Option(names = {"-r", "--role"}, paramLabel = "ROLE", converter = MemberRole.Converter.class,
            completionCandidates = MemberRole.Names.class,
            description = "The role of the query: leader, primary, standby-leader, replica, standby, any.")
    MemberRole role;

    @Option(names = {"-m", "--member"}, paramLabel = "NAME", completionCandidates = DcsNames.Members.class,
            description = "Query a specific member.")
    String member;

    @Option(names = "--delimiter", paramLabel = "TEXT", defaultValue = "\t", description = "The column delimiter (tsv).")
    String delimiter;

    @Option(names = {"-c", "--command"}, paramLabel = "SQL", description = "The SQL commands to execute.")
    String command;

    @Option(names = {"-d", "--dbname"}, paramLabel = "NAME", description = "Database name to connect to.")
    String dbname;

    @Override
    public Integer call() {
        MemberRole wanted = role;
        if (member != null) {
            if (role != null) {
                throw new CliException("--role and --member are mutually exclusive options");
            }
            wanted = MemberRole.ANY;
        }
        if (wanted == null) {
            wanted = MemberRole.LEADER;
        }
        if (file != null && command != null) {
            throw new CliException("--file and --command are mutually exclusive options");
        }
        if (file == null && command == null) {
            throw new CliException("You need to specify either --command or --file");
        }
        Double interval = watchEveryTwoSeconds && watchSeconds == null ? Double.valueOf(2) : watchSeconds;
        if (interval != null && !(interval > 0)) {
            throw new CliException("--watch wants a positive number of seconds, got " + interval, ExitCode.USAGE);
        }
        CliContext context = root.context();
        SqlSession.Login login = login(context);
        String sql = file != null ? readSql(file) : command;
        String name = target.resolve(context);
        while (true) {
            Cluster cluster = context.readCluster(name);
            print(context, run(context, cluster, wanted, login, sql));
            if (interval == null) {
                return ExitCode.OK;
            }
            try {
                Thread.sleep((long) (interval * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.OK;
            }
        }
    }

    private SqlSession.Login login(CliContext context) {
        String user = username != null ? username
                : context.env().getOrDefault("PGUSER", System.getProperty("user.name"));
        String password = askPassword ? context.prompter().secret("Password: ", "PGPASSWORD in the environment instead of --password")
                : context.env().get("PGPASSWORD");
        String database = dbname != null ? dbname : context.env().getOrDefault("PGDATABASE", user);
        return new SqlSession.Login(user, password, database);
    }

    private SqlSession.Result run(CliContext context, Cluster cluster, MemberRole wanted, SqlSession.Login login,
                                  String sql) {
        Optional<Member> target = target(cluster, wanted);
        Optional<Member.HostPort> address = target.flatMap(Member::postgresAddress);
        if (address.isEmpty()) {
            return unavailable(context, wanted);
        }
        return SqlSession.run(address.get(), login, wanted, sql).orElseGet(() -> unavailable(context, wanted));
    }

    private Optional<Member> target(Cluster cluster, MemberRole wanted) {
        if (member != null) {
            return cluster.member(member);
        }
        return switch (wanted) {
            case LEADER, PRIMARY, MASTER, STANDBY_LEADER -> cluster.leaderMember().filter(m -> wanted.matches(cluster, m));
            default -> cluster.members().stream().filter(m -> wanted.matches(cluster, m)).findFirst();
        };
    }

    private SqlSession.Result unavailable(CliContext context, MemberRole wanted) {
        String message = member != null ? "No connection to member " + member + " is available"
                : context.surface() == Surface.PATRONI_3_0 ? "No connection to role=" + wanted.text() + " is available"
                : "No connection to role '" + wanted.text() + "' is available";
        return SqlSession.Result.error(message);
    }

    private void print(CliContext context, SqlSession.Result result) {
        List<List<Object>> rows = new ArrayList<>(result.rows());
        if (result.failed()) {
            rows = List.of(List.of(LocalDateTime.now().format(STAMP), result.error()));
        }
        List<String> headers = result.columns();
        if (format == OutputFormat.TSV) {
            StringBuilder sb = new StringBuilder();
            if (headers != null) {
                sb.append(String.join(delimiter, headers)).append('\n');
            }
            for (List<Object> row : rows) {
                sb.append(row.stream().map(PyText::str).collect(Collectors.joining(delimiter))).append('\n');
            }
            context.out().print(sb);
            context.out().flush();
            return;
        }
        List<String> names = headers;
        if (names == null) {
            names = new ArrayList<>();
            for (int i = 1; i <= rows.get(0).size(); i++) {
                names.add("Field " + i);
            }
        }
        Table table = new Table(null, names.stream().map(Table.Column::left).toList(), rows, false);
        Printer.of(format).print(table, context.out());
    }

    private static String readSql(String file) {
        try {
            byte[] bytes = "-".equals(file) ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("Invalid value for '--file' / '-f': '" + file + "': " + e.getMessage(),
                    ExitCode.USAGE);
        }
    }
}
