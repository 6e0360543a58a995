package io.pgha.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code failover}: promote a named replica, with or without a healthy leader. With {@code --leader} it is a
 * switchover, as in patronictl 3.0.2.
 */
@Command(name = "failover", mixinStandardHelpOptions = true, description = "Failover to a replica.")
public final class FailoverCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class,
            description = "Default: scope from the configuration.")
    String clusterName;

    @Option(names = "--group", paramLabel = "INTEGER", description = "Citus group.")
    Integer group;

    @Option(names = {"--leader", "--primary", "--master"}, paramLabel = "NAME",
            completionCandidates = DcsNames.Members.class,
            description = "The name of the current leader (makes it a switchover, as patronictl 3.0.2 does).")
    String leader;

    @Option(names = "--candidate", paramLabel = "NAME", completionCandidates = DcsNames.Members.class,
            description = "The name of the candidate.")
    String candidate;

    @Option(names = "--force", description = "Do not ask for confirmation at any point.")
    boolean force;

    @Override
    public Integer call() {
        CliContext context = root.context();
        Citus.refuse(group);
        String action = leader != null && !leader.isEmpty() ? "switchover" : "failover";
        return new ManualFailover(OperationContext.of(context)).run(new ManualFailover.Request(action,
                context.clusterName(clusterName), leader, candidate, null, force));
    }
}
