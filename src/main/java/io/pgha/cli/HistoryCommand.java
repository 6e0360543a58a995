package io.pgha.cli;

import io.pgha.cli.render.HistoryTable;
import io.pgha.cli.render.OutputFormat;
import io.pgha.cli.render.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code history}: the timeline switches recorded in /history. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show the history of failovers/switchovers.")
public final class HistoryCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class)
    String clusterName;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty", converter = FormatOption.class,
            completionCandidates = FormatOption.Names.class,
            description = "Output format: pretty, tsv, json, yaml (yml). Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Override
    public Integer call() {
        CliContext context = root.context();
        Printer.of(format).print(HistoryTable.build(context.readCluster(context.clusterName(clusterName))), context.out());
        return ExitCode.OK;
    }
}
