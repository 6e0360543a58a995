package io.pgha.cli.prompt;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Answers from a list, as an operator would type them: each prompt is printed to {@code out} like
 * on a terminal, and running out of answers is the end of input ({@link PromptAborted}). For tests,
 * and for embedding the CLI where the answers are known in advance.
 */
public final class ScriptedPrompter implements Prompter {
    private final Deque<String> answers;
    private final PrintWriter out;

    public ScriptedPrompter(List<String> answers, PrintWriter out) {
        this.answers = new ArrayDeque<>(answers);
        this.out = out;
    }

    @Override
    public String ask(String prompt, String defaultValue, String flag) {
        String answer = next(prompt);
        return answer.isEmpty() ? defaultValue : answer;
    }

    @Override
    public boolean confirm(String question, String flag) {
        while (true) {
            Boolean yes = Answers.yesNo(next(question + " [y/N]: "), false);
            if (yes != null) {
                return yes;
            }
            out.println("Error: invalid input");
        }
    }

    @Override
    public String secret(String prompt, String flag) {
        return next(prompt);
    }

    private String next(String prompt) {
        out.print(prompt);
        out.flush();
        if (answers.isEmpty()) {
            out.println();
            throw new PromptAborted();
        }
        String answer = answers.removeFirst();
        out.println(answer);
        return answer;
    }
}
