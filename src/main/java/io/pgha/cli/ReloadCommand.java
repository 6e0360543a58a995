package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code reload}: ask members to re-read their configuration ({@code POST /reload}). */
@Command(name = "reload", mixinStandardHelpOptions = true, description = "Reload cluster member configuration.")
public final class ReloadCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofSeconds(10);

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
            description = "Reload only members with this role: leader, primary, standby-leader, replica, standby, any, "
                    + "master. Default: ${DEFAULT-VALUE}.")
    MemberRole role = MemberRole.ANY;

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
        List<Member> members = MemberSelection.select(ops, cluster, target.name(), memberNames,
                new MemberSelection.RoleText(role, true), force.given(), "reload");
        MemberSelection.confirm(ops, members, force.given(), "reload", null, false);
        boolean allDone = true;
        for (Member member : members) {
            try {
                NodeResponse r = ops.access().request(member, "POST", "/reload", null, WAIT);
                if (r.status() == 200) {
                    ops.out().println("No changes to apply on member " + member.name());
                } else if (r.status() == 202) {
                    ops.out().println("Reload request received for member " + member.name()
                            + " and will be processed within " + cluster.config().number("loop_wait", 10) + " seconds");
                } else {
                    ops.out().println(MemberSelection.failure("reload", member, r));
                    allDone = false;
                }
            } catch (NodeException e) {
                ops.out().println(MemberSelection.unreachable("reload", member, e));
                allDone = false;
            }
        }
        return allDone ? ExitCode.OK : ExitCode.OPERATION_FAILED;
    }
}
