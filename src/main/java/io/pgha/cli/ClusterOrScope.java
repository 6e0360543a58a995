package io.pgha.cli;

import picocli.CommandLine.Parameters;

/** The optional positional CLUSTER_NAME of commands that fall back to the configured scope. */
public final class ClusterOrScope {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class,
            description = "Default: scope from the configuration.")
    String name;

    /** The name given, else the scope; fails naming what to pass when there is neither. */
    String resolve(CliContext context) {
        return context.clusterName(name);
    }
}
