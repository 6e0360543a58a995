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

/** {@code list}: the members of one or more clusters, read from the DCS only. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the members of the given clusters (default: scope from the configuration).")
public final class ListCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(paramLabel = "CLUSTER_NAMES", arity = "0..*", completionCandidates = DcsNames.Clusters.class)
    List<String> clusterNames = new ArrayList<>();

    @Option(names = {"-e", "--extended"}, description = "Show some extra information.")
    boolean extended;

    @Option(names = {"-t", "--timestamp"}, description = "Print timestamp.")
    boolean timestamp;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty", converter = FormatOption.class,
            completionCandidates = FormatOption.Names.class,
            description = "Output format: pretty, tsv, json, yaml (yml). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "-W", description = "Auto update the screen every 2 seconds.")
    boolean watchEveryTwoSeconds;

    @Option(names = {"-w", "--watch"}, paramLabel = "SECONDS", description = "Auto update the screen every X seconds.")
    Double watchSeconds;

    @Override
    public Integer call() {
        CliContext context = root.context();
        List<String> names = new ArrayList<>(clusterNames);
        if (names.isEmpty()) {
            context.config().scope().ifPresent(names::add);
        }
        if (names.isEmpty()) {
            context.err().println("warning: Listing members: No cluster names were provided");
            return ExitCode.OK;
        }
        ListOptions options = new ListOptions(context.surface(), format, extended, context.display());
        ClusterWatch.run(context, watchEveryTwoSeconds, watchSeconds, timestamp, ctx -> {
            List<Cluster> clusters = names.stream().map(ctx::readCluster).toList();
            return MemberListing.render(clusters, options);
        });
        return ExitCode.OK;
    }
}
