package io.pgha.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code switchover}: hand the leader role to a replica now or at a scheduled time, through the leader's REST API. */
@Command(name = "switchover", mixinStandardHelpOptions = true, description = "Switchover to a replica.")
public final class SwitchoverCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class,
            description = "Default: scope from the configuration.")
    String clusterName;

    @Option(names = "--group", paramLabel = "INTEGER", description = "Citus group.")
    Integer group;

    @Option(names = {"--leader", "--primary", "--master"}, paramLabel = "NAME",
            completionCandidates = DcsNames.Members.class, description = "The name of the current leader.")
    String leader;

    @Option(names = "--candidate", paramLabel = "NAME", completionCandidates = DcsNames.Members.class,
            description = "The name of the candidate.")
    String candidate;

    @Option(names = "--scheduled", paramLabel = "TIMESTAMP",
            description = "Timestamp of a scheduled switchover in unambiguous format (e.g. ISO 8601).")
    String scheduled;

    @Option(names = "--force", description = "Do not ask for confirmation at any point.")
    boolean force;

    @Override
    public Integer call() {
        CliContext context = root.context();
        Citus.refuse(group);
        return new ManualFailover(OperationContext.of(context)).run(new ManualFailover.Request("switchover",
                context.clusterName(clusterName), leader, candidate, scheduled, force));
    }
}
