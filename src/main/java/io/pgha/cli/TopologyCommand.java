package io.pgha.cli;

import io.pgha.cli.render.ListOptions;
import io.pgha.cli.render.MemberListing;
import io.pgha.cli.render.OutputFormat;
import io.pgha.dcs.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code topology}: the list table ordered as the replication tree. */
@Command(name = "topology", mixinStandardHelpOptions = true,
        description = "Prints ASCII topology for given cluster.")
public final class TopologyCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(paramLabel = "CLUSTER_NAMES", arity = "0..*", completionCandidates = DcsNames.Clusters.class)
    List<String> clusterNames = new ArrayList<>();

    @Option(names = "-W", description = "Auto update the screen every 2 seconds.")
    boolean watchEveryTwoSeconds;

    @Option(names = {"-w", "--watch"}, paramLabel = "SECONDS", description = "Auto update the screen every X seconds.")
    Double watchSeconds;

    @Override
    public Integer call() {
        CliContext context = root.context();
        List<String> names = new ArrayList<>(clusterNames);
        if (names.isEmpty()) {
            names.add(context.clusterName(null));
        }
        ListOptions options = new ListOptions(context.surface(), OutputFormat.TOPOLOGY, false, context.display());
        ClusterWatch.run(context, watchEveryTwoSeconds, watchSeconds, false, ctx -> {
            List<Cluster> clusters = names.stream().map(ctx::readCluster).toList();
            return MemberListing.render(clusters, options);
        });
        return ExitCode.OK;
    }
}
