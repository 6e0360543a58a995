package io.pgha.cli;

import io.pgha.cli.render.Dsn;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dsn}: libpq connection parameters of the leader, of a member with a role, or of a named member. */
@Command(name = "dsn", mixinStandardHelpOptions = true,
        description = "Generate a dsn for the provided member, defaults to a dsn of the leader.")
public final class DsnCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterOrScope target = new ClusterOrScope();

    @Option(names = {"-r", "--role"}, paramLabel = "ROLE", converter = MemberRole.Converter.class,
            completionCandidates = MemberRole.Names.class,
            description = "Role of the member: leader, primary, standby-leader, replica, standby, any.")
    MemberRole role;

    @Option(names = {"-m", "--member"}, paramLabel = "NAME", completionCandidates = DcsNames.Members.class,
            description = "Generate a dsn for this member.")
    String member;

    @Override
    public Integer call() {
        if (role != null && member != null) {
            throw new CliException("--role and --member are mutually exclusive options");
        }
        CliContext context = root.context();
        Cluster cluster = context.readCluster(target.resolve(context));
        Optional<Member> target = member != null
                ? cluster.member(member)
                : cluster.members().stream().filter(m -> (role == null ? MemberRole.LEADER : role).matches(cluster, m)).findFirst();
        context.out().println(target.flatMap(Dsn::of).orElseThrow(() -> new CliException("Can not find a suitable member")));
        return ExitCode.OK;
    }
}
