package io.pgha.cli;

import picocli.CommandLine.Option;

/** The {@code --force} option: answers every confirmation with yes, so a script is never asked. */
public final class ForceOption {
    @Option(names = "--force", description = "Do not ask for confirmation at any point.")
    boolean force;

    boolean given() {
        return force;
    }
}
