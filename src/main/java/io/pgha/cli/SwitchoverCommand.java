package io.pgha.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code switchover}: hand the leader role to a replica now or at a scheduled time, through the leader's REST API. */
@Command(name = "switchover", mixinStandardHelpOptions = true, description = "Switchover to a replica.")
public final class SwitchoverCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterOrScope target = new ClusterOrScope();

    @Mixin
    CitusGroup group = new CitusGroup();

    @Option(names = {"--leader", "--primary", "--master"}, paramLabel = "NAME",
            completionCandidates = DcsNames.Members.class, description = "The name of the current leader.")
    String leader;

    @Mixin
    CandidateOption candidate = new CandidateOption();

    @Option(names = "--scheduled", paramLabel = "TIMESTAMP",
            description = "Timestamp of a scheduled switchover in unambiguous format (e.g. ISO 8601).")
    String scheduled;

    @Mixin
    ForceOption force = new ForceOption();

    @Override
    public Integer call() {
        CliContext context = root.context();
        group.refuse();
        return new ManualFailover(OperationContext.of(context)).run(new ManualFailover.Request("switchover",
                target.resolve(context), leader, candidate.name(), scheduled, force.given()));
    }
}
