package io.pgha.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code failover}: promote a named replica, with or without a healthy leader. With {@code --leader} it is a
 * switchover, as in patronictl 3.0.2.
 */
@Command(name = "failover", mixinStandardHelpOptions = true, description = "Failover to a replica.")
public final class FailoverCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterOrScope target = new ClusterOrScope();

    @Mixin
    CitusGroup group = new CitusGroup();

    @Option(names = {"--leader", "--primary", "--master"}, paramLabel = "NAME",
            completionCandidates = DcsNames.Members.class,
            description = "The name of the current leader (makes it a switchover, as patronictl 3.0.2 does).")
    String leader;

    @Mixin
    CandidateOption candidate = new CandidateOption();

    @Mixin
    ForceOption force = new ForceOption();

    @Override
    public Integer call() {
        CliContext context = root.context();
        group.refuse();
        String action = leader != null && !leader.isEmpty() ? "switchover" : "failover";
        return new ManualFailover(OperationContext.of(context)).run(new ManualFailover.Request(action,
                target.resolve(context), leader, candidate.name(), null, force.given()));
    }
}
