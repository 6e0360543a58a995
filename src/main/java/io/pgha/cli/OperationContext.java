package io.pgha.cli;

import io.pgha.cli.prompt.Prompter;
import io.pgha.cli.render.ListOptions;
import io.pgha.cli.render.MemberListing;
import io.pgha.cli.render.OutputFormat;
import io.pgha.cli.render.Surface;
import io.pgha.dcs.Cluster;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a command acting on a cluster works with: the cluster and its members, the operator's answers,
 * stdout (patronictl prints its results there, failures included), stderr for warnings, the patronictl version to imitate and
 * the clock.
 */
record OperationContext(ClusterAccess access, Supplier<Prompter> prompts, PrintWriter out, PrintWriter err,
                        Surface surface, Schedule schedule, Supplier<ProgressLine> progress) {

    static OperationContext of(CliContext context) {
        return new OperationContext(new LiveClusterAccess(context), context::prompter, context.out(), context.err(),
                context.surface(), new Schedule(java.time.Clock.systemDefaultZone()), () -> ProgressLine.on(context));
    }

    /** A status line for a wait: rewritten in place on a terminal, silent elsewhere. */
    ProgressLine progressLine() {
        return progress.get();
    }

    /** The prompter, after what was printed so far reached the terminal. */
    Prompter prompter() {
        out.flush();
        return prompts.get();
    }

    /** patronictl 3.0.2's texts and request bodies rather than 4.x's. */
    boolean patroni30() {
        return surface == Surface.PATRONI_3_0;
    }

    /** The {@code list} table patronictl prints before asking anything. */
    void printTable(Cluster cluster) {
        MemberListing.print(List.of(cluster), new ListOptions(surface, OutputFormat.PRETTY, false), out);
    }
}
