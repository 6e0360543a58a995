package io.pgha.cli.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.CliException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrompterTest {

    @Test
    void withoutATerminalTheErrorNamesTheQuestionAndTheOptionThatAnswersIt() {
        CliException e = assertThrows(CliException.class,
                () -> new NoTerminal().confirm("Are you sure you want to restart members node1?", "--force"));
        assertEquals("standard input is not a terminal, so \"Are you sure you want to restart members node1?\" "
                + "cannot be asked: pass --force", e.getMessage());
        CliException candidate = assertThrows(CliException.class,
                () -> new NoTerminal().ask("Candidate ['node2', 'node3'] []: ", "", "--candidate"));
        assertTrue(candidate.getMessage().endsWith("\"Candidate ['node2', 'node3'] []\" cannot be asked: pass --candidate"),
                candidate.getMessage());
    }

    @Test
    void anEmptyAnswerTakesTheDefaultAndThePromptIsShownAsATerminalWouldShowIt() {
        StringWriter out = new StringWriter();
        ScriptedPrompter prompter = new ScriptedPrompter(List.of("", "node3"), new PrintWriter(out, true));
        assertEquals("node1", prompter.ask("Primary [node1]: ", "node1", "--primary"));
        assertEquals("node3", prompter.ask("Candidate ['node3'] []: ", "", "--candidate"));
        assertEquals("Primary [node1]: \nCandidate ['node3'] []: node3\n", out.toString());
    }

    @Test
    void aConfirmationAcceptsYesAndNoInAnyCaseAndAsksAgainAfterAnythingElse() {
        StringWriter out = new StringWriter();
        ScriptedPrompter prompter = new ScriptedPrompter(List.of("maybe", "YES", "", "n"), new PrintWriter(out, true));
        assertTrue(prompter.confirm("Apply these changes?", "--force"));
        assertFalse(prompter.confirm("Apply these changes?", "--force"));
        assertFalse(prompter.confirm("Apply these changes?", "--force"));
        assertTrue(out.toString().startsWith("Apply these changes? [y/N]: maybe\nError: invalid input\n"
                + "Apply these changes? [y/N]: YES\n"), out.toString());
    }

    @Test
    void runningOutOfAnswersIsTheEndOfInputWhichAbortsAsPatronictlDoes() {
        ScriptedPrompter prompter = new ScriptedPrompter(List.of(), new PrintWriter(new StringWriter(), true));
        PromptAborted aborted = assertThrows(PromptAborted.class, () -> prompter.confirm("Are you sure?", "--force"));
        assertEquals("Aborted!", aborted.getMessage());
    }
}
