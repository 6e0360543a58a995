package io.pgha.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.ExitCode;
import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed man pages as {@code man -l} shows them. */
class ManPageTest {

    /** The page as man prints it to a pipe, with runs of blanks made one space. */
    private static String man(String page) {
        CommandResult result = Commands.run(List.of("man", "--warnings", "-l", "man/" + page), Duration.ofSeconds(30),
                CompletionShell.PROJECT, Map.of("MANWIDTH", "200", "MANPAGER", "cat", "LC_ALL", "C.UTF-8"));
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals("", result.stderr(), "man renders " + page + " without warnings");
        return result.stdout().replaceAll("[ \\t]+", " ");
    }

    @Test
    void listPageShowsItsOptionsArgumentsAndExitStatus() {
        String page = man("pgha-list.1");
        for (String expected : List.of("pgha [GLOBAL OPTIONS] list [OPTIONS] [CLUSTER_NAMES...]",
                "-e, --extended", "-t, --timestamp", "-f, --format=FORMAT", "Default: pretty.", "-W",
                "-w, --watch=SECONDS", "\nARGUMENTS\n CLUSTER_NAMES", "-d, --dcs-url, --dcs=URL", "\nEXIT STATUS\n")) {
            assertTrue(page.contains(expected), expected + " missing from pgha-list(1):\n" + page);
        }
        for (ExitCode.Meaning meaning : ExitCode.documented()) {
            String line = " " + meaning.code() + " " + meaning.text() + "\n";
            assertTrue(page.contains(line), line + " missing from pgha-list(1):\n" + page);
        }
    }

    @Test
    void theMainPageListsEveryCommandButTheHiddenOne() {
        String page = man("pgha.1");
        for (String command : List.of("list", "topology", "history", "show-config", "dsn", "version")) {
            assertTrue(Pattern.compile("(?m)^ " + command + "\\s").matcher(page).find(), command + " missing from pgha(1):\n" + page);
            assertTrue(page.contains("pgha-" + command + "(1)"), "pgha(1) does not refer to pgha-" + command + "(1)");
        }
        assertFalse(page.contains("__complete"), page);
    }

    @Test
    void defaultsAreTheBuiltInOnesNotTheEnvironmentOfWhoeverGenerated() {
        String page = man("pgha.1");
        assertTrue(page.contains("(default 5; env PGHA_DCS_TIMEOUT)"), page);
    }

    @Test
    void everyExitCodeConstantIsDocumented() {
        Set<Integer> constants = Arrays.stream(ExitCode.class.getFields())
                .filter(f -> f.getType() == int.class && Modifier.isStatic(f.getModifiers()))
                .map(ManPageTest::value)
                .collect(Collectors.toSet());
        Set<Integer> documented = ExitCode.documented().stream().map(ExitCode.Meaning::code).collect(Collectors.toSet());
        assertEquals(constants, documented);
    }

    private static int value(Field field) {
        try {
            return field.getInt(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
