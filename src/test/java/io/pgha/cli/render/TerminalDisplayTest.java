package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pretty output on a terminal: colours that never shift a column, and tables that fit its width. */
class TerminalDisplayTest {
    private static final String ANSI = "\033\\[[0-9;]*m";

    @Test
    void onlyATerminalGetsColourAndNoColorOrADumbTerminalTurnItOff() {
        assertEquals(Display.PLAIN, Display.decide(false, null, "xterm", 120));
        assertTrue(Display.decide(true, null, "xterm-256color", 120).colour());
        assertFalse(Display.decide(true, "1", "xterm", 120).colour());
        assertTrue(Display.decide(true, "", "xterm", 120).colour(), "an empty NO_COLOR does not count (no-color.org)");
        assertFalse(Display.decide(true, null, "dumb", 120).colour());
        assertEquals(120, Display.decide(true, "1", "xterm", 120).width());
    }

    @Test
    void colouredRolesAndStatesKeepTheColumnsOfThePlainTable() {
        String plain = Fixture.jnew().render(Surface.PATRONI_4_1, OutputFormat.PRETTY, false);
        String coloured = Fixture.jnew().render(Surface.PATRONI_4_1, OutputFormat.PRETTY, false, new Display(true, 0));
        assertEquals(plain, coloured.replaceAll(ANSI, ""));
        String leaderRow = coloured.lines().filter(l -> l.contains("new1")).findFirst().orElseThrow();
        assertTrue(leaderRow.contains("\033[1;32mLeader "), leaderRow);
        assertTrue(leaderRow.contains("\033[32mrunning "), leaderRow);
        assertFalse(coloured.lines().findFirst().orElseThrow().contains("\033"), "borders and headers stay plain");
    }

    @Test
    void aTableWiderThanTheTerminalLosesColumnsFromTheRightAndSaysWhich() {
        String wide = Fixture.jnew().render(Surface.PATRONI_4_1, OutputFormat.PRETTY, true, new Display(false, 0));
        int fullWidth = wide.lines().mapToInt(String::length).max().orElseThrow();
        String fitted = Fixture.jnew().render(Surface.PATRONI_4_1, OutputFormat.PRETTY, true, new Display(false, 100));
        List<String> lines = fitted.lines().toList();
        assertTrue(fullWidth > 100, "the extended table must be wider than the terminal for this test: " + fullWidth);
        for (String line : lines) {
            if (line.startsWith("+") || line.startsWith("|")) {
                assertTrue(line.length() <= 100, line.length() + ": " + line);
            }
        }
        assertTrue(lines.get(1).contains("| Member | Host") && lines.get(1).contains("| TL |"), lines.get(1));
        assertFalse(lines.get(1).contains("Tags"), lines.get(1));
        String note = lines.get(lines.size() - 1);
        assertTrue(note.startsWith(" Left out to fit the terminal: ") && note.endsWith("Tags (widen it, or use -f json)"), note);
    }

    @Test
    void machineFormatsAreNeverFittedOrColoured() {
        Display narrow = new Display(true, 40);
        for (OutputFormat format : List.of(OutputFormat.JSON, OutputFormat.TSV, OutputFormat.YAML)) {
            assertEquals(Fixture.jnew().render(Surface.PATRONI_4_1, format, true),
                    Fixture.jnew().render(Surface.PATRONI_4_1, format, true, narrow), format.name());
        }
    }
}
