package io.pgha.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code resume}: leave maintenance mode, through a member's REST API. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume auto failover.")
public final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class,
            description = "Default: scope from the configuration.")
    String clusterName;

    @Option(names = "--group", paramLabel = "INTEGER", description = "Citus group.")
    Integer group;

    @Option(names = "--wait", description = "Wait until pause is cleared on all nodes.")
    boolean await;

    @Override
    public Integer call() {
        CliContext context = root.context();
        Citus.refuse(group);
        return new PauseToggle(OperationContext.of(context), Duration.ofSeconds(1))
                .run(context.clusterName(clusterName), false, await);
    }
}
