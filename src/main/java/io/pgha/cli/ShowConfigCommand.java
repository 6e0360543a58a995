package io.pgha.cli;

import io.pgha.cli.render.ConfigText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code show-config}: the dynamic configuration (/config) as YAML. */
@Command(name = "show-config", mixinStandardHelpOptions = true, description = "Show cluster configuration.")
public final class ShowConfigCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class)
    String clusterName;

    @Override
    public Integer call() {
        CliContext context = root.context();
        context.out().print(ConfigText.render(context.readCluster(context.clusterName(clusterName))));
        return ExitCode.OK;
    }
}
