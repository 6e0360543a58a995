package io.pgha.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --group} option of patronictl's cluster commands. pgha reads and acts on plain clusters only,
 * so a Citus group is refused rather than silently ignored.
 */
public final class CitusGroup {
    @Option(names = "--group", paramLabel = "INTEGER", description = "Citus group.")
    Integer group;

    void refuse() {
        if (group != null) {
            throw new CliException("--group " + group + ": Citus clusters are not supported by pgha yet");
        }
    }
}
