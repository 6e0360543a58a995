package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.text.PyJson;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code restart}: restart PostgreSQL on members now or at a scheduled time, through each member's REST API. */
@Command(name = "restart", mixinStandardHelpOptions = true, description = "Restart cluster member.")
public final class RestartCommand implements Callable<Integer> {
    /** Patroni's primary_start_timeout default: how long a member may take to answer a restart without --timeout. */
    private static final Duration DEFAULT_RESTART_WAIT = Duration.ofSeconds(300);
    private static final Pattern SECONDS = Pattern.compile("\\s*(\\d+)\\s*(s|sec|m|min|h)?\\s*");

    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterName target = new ClusterName();

    @Parameters(index = "1..*", paramLabel = "MEMBER_NAMES", completionCandidates = DcsNames.Members.class)
    List<String> memberNames = new ArrayList<>();

    @Mixin
    CitusGroup group = new CitusGroup();

    @Option(names = {"-r", "--role"}, paramLabel = "ROLE", defaultValue = "any", converter = MemberRole.Converter.class,
            completionCandidates = MemberRole.Names.class,
            description = "Restart only members with this role: leader, primary, standby-leader, replica, standby, any, "
                    + "master. Default: ${DEFAULT-VALUE}.")
    MemberRole role = MemberRole.ANY;

    @Option(names = "--any", description = "Restart a single member only.")
    boolean any;

    @Option(names = "--scheduled", paramLabel = "TIMESTAMP",
            description = "Timestamp of a scheduled restart in unambiguous format (e.g. ISO 8601).")
    String scheduled;

    @Option(names = "--pg-version", paramLabel = "VERSION",
            description = "Restart if the PostgreSQL version is less than provided (e.g. 9.5.2).")
    String pgVersion;

    @Option(names = "--pending", description = "Restart if pending.")
    boolean pending;

    @Option(names = "--timeout", paramLabel = "TEXT",
            description = "Return error and fail over if necessary when restarting takes longer than this.")
    String timeout;

    @Mixin
    ForceOption force = new ForceOption();

    @Override
    public Integer call() {
        CliContext context = root.context();
        group.refuse();
        return run(OperationContext.of(context));
    }

    int run(OperationContext ops) {
        Cluster cluster = ops.access().read(target.name());
        List<Member> members = new ArrayList<>(MemberSelection.select(ops, cluster, target.name(), memberNames,
                new MemberSelection.RoleText(role, true), force.given(), "restart"));
        String when = scheduled;
        if (when == null && !force.given()) {
            when = ops.prompter().ask("When should the restart take place (e.g. " + ops.schedule().exampleInOneHour()
                    + ")  [now]: ", "now", "--scheduled or --force");
        }
        OffsetDateTime scheduledAt = ops.schedule().parse(when).orElse(null);

        Map<String, Object> content = new LinkedHashMap<>();
        if (ops.patroni30()) {
            MemberSelection.confirm(ops, members, force.given(), "restart", scheduledAt, false);
            members = pickAny(members);
            if (pending) {
                content.put("restart_pending", true);
            }
        } else {
            if (pending) {
                content.put("restart_pending", true);
                // a scheduled restart is filtered by the member when the time comes
                if (scheduledAt == null) {
                    members.removeIf(m -> !m.pendingRestart());
                }
            }
            members = pickAny(members);
            MemberSelection.confirm(ops, members, force.given(), "restart", scheduledAt, pending);
        }

        String version = pgVersion;
        if (version == null && !force.given()) {
            version = ops.prompter().ask("Restart if the PostgreSQL version is less than provided (e.g. 9.5.2)  []: ", "",
                    "--pg-version or --force");
        }
        if (version != null && !version.isEmpty()) {
            checkVersion(version);
            content.put("postgres_version", version);
        }
        if (scheduledAt != null) {
            if (cluster.isPaused()) {
                throw new CliException("Can't schedule restart in the paused state");
            }
            content.put("schedule", Schedule.isoformat(scheduledAt));
        }
        if (timeout != null) {
            content.put("timeout", timeout);
        }

        String body = PyJson.dumps(content);
        Duration patience = patience(timeout);
        boolean allDone = true;
        for (Member member : members) {
            try {
                if (content.containsKey("schedule") && force.given() && member.scheduledRestart() != null
                        && !member.scheduledRestart().isEmpty()) {
                    NodeResponse flushed = ops.access().request(member, "DELETE", "/restart", null, Duration.ofSeconds(10));
                    if (flushed.status() >= 400) {
                        ops.out().println(MemberSelection.failure("flush scheduled restart", member, flushed));
                    }
                }
                NodeResponse r = ops.access().request(member, "POST", "/restart", body, patience);
                switch (r.status()) {
                    case 200 -> ops.out().println("Success: restart on member " + member.name());
                    case 202 -> ops.out().println("Success: restart scheduled on member " + member.name());
                    case 409 -> {
                        ops.out().println("Failed: another restart is already scheduled on member " + member.name());
                        allDone = false;
                    }
                    default -> {
                        ops.out().println(MemberSelection.failure("restart", member, r));
                        allDone = false;
                    }
                }
            } catch (NodeException e) {
                ops.out().println(MemberSelection.unreachable("restart", member, e));
                allDone = false;
            }
        }
        return allDone ? ExitCode.OK : ExitCode.OPERATION_FAILED;
    }

    private List<Member> pickAny(List<Member> members) {
        if (!any || members.size() <= 1) {
            return members;
        }
        List<Member> shuffled = new ArrayList<>(members);
        Collections.shuffle(shuffled);
        return new ArrayList<>(shuffled.subList(0, 1));
    }

    /** Patroni's rule: X.Y.Z, or X.Y from version 10 on. */
    static void checkVersion(String version) {
        String[] parts = version.split("\\.", -1);
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new CliException("Invalid PostgreSQL version: " + version);
            }
        }
        if (numbers.length < 2 || numbers.length == 2 && numbers[0] < 10 || numbers.length > 3) {
            throw new CliException("Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: " + version);
        }
    }

    /** A member answers a restart when PostgreSQL is up again or the restart timeout passed. */
    private static Duration patience(String timeout) {
        Duration wait = DEFAULT_RESTART_WAIT;
        if (timeout != null) {
            Matcher m = SECONDS.matcher(timeout);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                wait = Duration.ofSeconds(unit.startsWith("h") ? n * 3600 : unit.startsWith("m") ? n * 60 : n);
            }
        }
        return wait.plusSeconds(60);
    }
}
