package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Failover;
import io.pgha.dcs.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code flush}: discard scheduled restarts ({@code DELETE /restart}) or a scheduled switchover ({@code DELETE /switchover}). */
@Command(name = "flush", mixinStandardHelpOptions = true, description = "Discard scheduled events.")
public final class FlushCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> TARGETS = List.of("restart", "switchover");

    @ParentCommand
    PghaCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterName target = new ClusterName();

    /** MEMBER_NAMES... TARGET: click takes the last argument as the target, so picocli collects them all. */
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "[MEMBER_NAMES]... {restart|switchover}",
            completionCandidates = Targets.class,
            description = "Members (default: all with the role), then what to discard: restart or switchover.")
    List<String> rest = new ArrayList<>();

    @Mixin
    CitusGroup group = new CitusGroup();

    @Option(names = {"-r", "--role"}, paramLabel = "ROLE", defaultValue = "any", converter = MemberRole.Converter.class,
            completionCandidates = MemberRole.Names.class,
            description = "Flush only members with this role: leader, primary, standby-leader, replica, standby, any, "
                    + "master. Default: ${DEFAULT-VALUE}.")
    MemberRole role = MemberRole.ANY;

    @Mixin
    ForceOption force = new ForceOption();

    /** What shell completion offers for the target. */
    static final class Targets implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return TARGETS.iterator();
        }
    }

    @Override
    public Integer call() {
        String event = rest.get(rest.size() - 1);
        if (!TARGETS.contains(event)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for '{restart|switchover}': '" + event
                    + "' is not one of 'restart', 'switchover'.");
        }
        CliContext context = root.context();
        group.refuse();
        return run(OperationContext.of(context), rest.subList(0, rest.size() - 1), event);
    }

    int run(OperationContext ops, List<String> memberNames, String event) {
        Cluster cluster = ops.access().read(target.name());
        return event.equals("restart") ? flushRestarts(ops, cluster, memberNames) : flushSwitchover(ops, cluster);
    }

    private int flushRestarts(OperationContext ops, Cluster cluster, List<String> memberNames) {
        List<Member> members = MemberSelection.select(ops, cluster, target.name(), memberNames,
                new MemberSelection.RoleText(role, true), force.given(), "flush");
        MemberSelection.confirm(ops, members, force.given(), "flush", null, false);
        boolean allDone = true;
        for (Member member : members) {
            if (member.scheduledRestart() == null || member.scheduledRestart().isEmpty()) {
                ops.out().println("No scheduled restart for member " + member.name());
                continue;
            }
            try {
                NodeResponse r = ops.access().request(member, "DELETE", "/restart", null, WAIT);
                if (r.status() >= 400) {
                    ops.out().println(MemberSelection.failure("flush scheduled restart", member, r));
                    allDone = false;
                } else {
                    ops.out().println("Success: flush scheduled restart for member " + member.name());
                }
            } catch (NodeException e) {
                ops.out().println(MemberSelection.unreachable("flush scheduled restart", member, e));
                allDone = false;
            }
        }
        return allDone ? ExitCode.OK : ExitCode.OPERATION_FAILED;
    }

    private int flushSwitchover(OperationContext ops, Cluster cluster) {
        Failover failover = cluster.failover();
        if (!failover.isScheduled()) {
            ops.out().println("No pending scheduled switchover");
            return ExitCode.OK;
        }
        for (Member member : leaderFirst(cluster)) {
            try {
                NodeResponse r = ops.access().request(member, "DELETE", "/switchover", null, WAIT);
                if (r.status() == 200) {
                    ops.out().println("Success: " + r.body());
                    return ExitCode.OK;
                }
                if (r.status() == 404) {
                    ops.out().println("Failed: " + r.body());
                    return ExitCode.OPERATION_FAILED;
                }
                ops.out().println("Failed: member=" + member.name() + ", status_code=" + r.status() + ", (" + r.body() + ")");
            } catch (NodeException e) {
                ops.out().println("Failed: member=" + member.name() + ", " + e.getMessage());
            }
        }
        ops.out().println(ops.schedule().timestamp() + " Could not find any accessible member of cluster " + target.name());
        if (!ops.access().compareAndPutFailover(target.name(), "{}", failover.modRevision())) {
            throw new CliException("the scheduled switchover of " + target.name()
                    + " changed while it was being flushed; run flush again", ExitCode.OPERATION_FAILED);
        }
        return ExitCode.OK;
    }

    /** The leader (when it has an api_url), then every other member with one, in DCS order. */
    static List<Member> leaderFirst(Cluster cluster) {
        List<Member> ordered = new ArrayList<>();
        Member leader = cluster.leaderMember().filter(m -> m.apiUrl() != null && !m.apiUrl().isEmpty()).orElse(null);
        if (leader != null) {
            ordered.add(leader);
        }
        for (Member member : cluster.members()) {
            if (member.apiUrl() != null && !member.apiUrl().isEmpty() && (leader == null || !member.name().equals(leader.name()))) {
                ordered.add(member);
            }
        }
        return ordered;
    }
}
