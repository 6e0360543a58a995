package io.pgha.cli;

import picocli.CommandLine.Parameters;

/** The positional CLUSTER_NAME of commands that must be told which cluster to act on. */
public final class ClusterName {
    @Parameters(index = "0", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class)
    String name;

    String name() {
        return name;
    }
}
