package io.pgha.cli.prompt;

/**
 * Asks the operator a question. Each question names the option that answers it on the command line,
 * so that without a terminal the command fails with that name instead of waiting for input.
 * The texts follow patronictl's (patronictl.md §1.2): {@code Primary [node3]: }, {@code ... [y/N]: }.
 */
public interface Prompter {

    /**
     * Shows {@code prompt} as given (e.g. {@code "Primary [node3]: "}) and returns the answer, or
     * {@code defaultValue} when the answer is empty.
     *
     * @param flag the option that answers this question, named in the error when nobody can be asked
     */
    String ask(String prompt, String defaultValue, String flag);

    /** Shows {@code question + " [y/N]: "}; true for y/yes, false for an empty answer or n/no. */
    boolean confirm(String question, String flag);

    /** Shows {@code prompt} and reads an answer without echoing it. */
    String secret(String prompt, String flag);

    /**
     * The prompter for this process: the terminal when standard input is one, else one that refuses
     * every question with an error naming its option (a script never hangs on a prompt).
     */
    static Prompter forThisProcess() {
        return StandardInput.isTerminal() ? new TerminalPrompter() : new NoTerminal();
    }
}
