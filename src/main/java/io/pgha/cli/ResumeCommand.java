package io.pgha.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code resume}: leave maintenance mode, through a member's REST API. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume auto failover.")
public final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterOrScope target = new ClusterOrScope();

    @Mixin
    CitusGroup group = new CitusGroup();

    @Option(names = "--wait", description = "Wait until pause is cleared on all nodes.")
    boolean await;

    @Override
    public Integer call() {
        CliContext context = root.context();
        group.refuse();
        return new PauseToggle(OperationContext.of(context), Duration.ofSeconds(1))
                .run(target.resolve(context), false, await);
    }
}
