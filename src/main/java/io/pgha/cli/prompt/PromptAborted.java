package io.pgha.cli.prompt;

import io.pgha.cli.CliException;
import io.pgha.cli.ExitCode;

/** The operator pressed Ctrl-C or closed input at a prompt: patronictl prints {@code Aborted!}, exit 1. */
public final class PromptAborted extends CliException {
    public PromptAborted() {
        super("Aborted!", ExitCode.ERROR);
    }
}
