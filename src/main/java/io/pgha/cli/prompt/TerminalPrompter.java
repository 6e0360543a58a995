package io.pgha.cli.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Questions on the terminal through jline (opened on the first question, so commands that ask nothing never load it). */
final class TerminalPrompter implements Prompter {
    private LineReader reader;

    @Override
    public String ask(String prompt, String defaultValue, String flag) {
        String answer = read(prompt, null).strip();
        return answer.isEmpty() ? defaultValue : answer;
    }

    @Override
    public boolean confirm(String question, String flag) {
        while (true) {
            Boolean yes = Answers.yesNo(read(question + " [y/N]: ", null), false);
            if (yes != null) {
                return yes;
            }
            reader.getTerminal().writer().println("Error: invalid input");
        }
    }

    @Override
    public String secret(String prompt, String flag) {
        return read(prompt, '\0');
    }

    private String read(String prompt, Character mask) {
        try {
            return reader().readLine(prompt, mask);
        } catch (UserInterruptException | EndOfFileException e) {
            reader.getTerminal().writer().println();
            throw new PromptAborted();
        }
    }

    private LineReader reader() {
        if (reader == null) {
            try {
                Terminal terminal = TerminalBuilder.builder().system(true).build();
                reader = LineReaderBuilder.builder().terminal(terminal)
                        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
            }
        }
        return reader;
    }
}
