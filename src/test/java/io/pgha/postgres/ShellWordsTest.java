package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Callback commands are cut into words as Python's shlex.split cuts them for Patroni. */
class ShellWordsTest {
    @Test
    void plainWordsAndRunsOfBlanks() {
        assertEquals(List.of("/usr/bin/notify", "-v", "x"), ShellWords.split("  /usr/bin/notify   -v\tx "));
    }

    @Test
    void quotesGroupAndDisappear() {
        assertEquals(List.of("say", "hello world", "it's", "a\"b"), ShellWords.split("say 'hello world' \"it's\" \"a\\\"b\""));
        assertEquals(List.of("ab c"), ShellWords.split("a'b c'"));
    }

    @Test
    void backslashEscapesOutsideQuotesAndOnlyQuoteOrBackslashInsideDoubleQuotes() {
        assertEquals(List.of("a b", "\\n"), ShellWords.split("a\\ b \"\\n\""));
        assertEquals(List.of("\\n"), ShellWords.split("'\\n'"));
    }

    @Test
    void emptyQuotesAreAnEmptyWord() {
        assertEquals(List.of("x", ""), ShellWords.split("x ''"));
    }

    @Test
    void unclosedQuoteIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo 'oops"));
    }
}
