package io.pgha.cli.prompt;

import io.pgha.cli.CliException;

/** Standard input is not a terminal: every question is an error that names the option answering it. */
public final class NoTerminal implements Prompter {

    @Override
    public String ask(String prompt, String defaultValue, String flag) {
        throw refuse(prompt, flag);
    }

    @Override
    public boolean confirm(String question, String flag) {
        throw refuse(question, flag);
    }

    @Override
    public String secret(String prompt, String flag) {
        throw refuse(prompt, flag);
    }

    private static CliException refuse(String prompt, String flag) {
        String question = prompt.strip();
        if (question.endsWith(":")) {
            question = question.substring(0, question.length() - 1).strip();
        }
        return new CliException("standard input is not a terminal, so \"" + question + "\" cannot be asked: pass "
                + flag);
    }
}
