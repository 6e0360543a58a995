package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.cli.render.Table.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PrettyTable as patronictl draws it; expected texts printed by patronictl 3.0.2's print_output. */
class PrettyPrinterTest {
    private final PrettyPrinter printer = new PrettyPrinter();

    private static List<Object> row(Object... cells) {
        return List.of(cells);
    }

    @Test
    void titleLongerThanTheTableIsCutBeforeTheLastCorner() {
        Table table = new Table(" Cluster: a-rather-long-cluster-name (7712232032420525266) ",
                List.of(Column.right("TL"), Column.left("Name")), List.of(row(1L, "x")), true);
        assertEquals("""
                + Cluster: a+
                | TL | Name |
                +----+------+
                |  1 | x    |
                +----+------+
                """, printer.render(table));
    }

    @Test
    void wideCharactersTakeTwoCells() {
        Table table = new Table(" Cluster: w ", List.of(Column.left("Member"), Column.left("Note")),
                List.of(row("n1", "é😀中"), row("n2", "ab")), true);
        assertEquals("""
                + Cluster: w ----+
                | Member | Note  |
                +--------+-------+
                | n1     | é😀中 |
                | n2     | ab    |
                +--------+-------+
                """, printer.render(table));
    }

    @Test
    void controlCharacterMakesPrettyTablePadOneSpaceTooMany() {
        Table table = new Table(" Cluster: c ", List.of(Column.left("Member"), Column.left("Note")),
                List.of(row("n1", "a\u0001b"), row("n2", "abcd")), true);
        assertEquals("+ Cluster: c ---+\n| Member | Note |\n+--------+------+\n| n1     | a\u0001b      |\n"
                + "| n2     | abcd |\n+--------+------+\n", printer.render(table));
    }

    @Test
    void aMultiLineCellPutsARuleBetweenEveryRowAndAlignsEachLine() {
        Table table = new Table(" Cluster: m ", List.of(Column.left("Member"), Column.right("Note")),
                List.of(row("n1", "a\nbb"), row("n2", "c")), true);
        assertEquals("""
                + Cluster: m ---+
                | Member | Note |
                +--------+------+
                | n1     |    a |
                |        |   bb |
                +--------+------+
                | n2     |    c |
                +--------+------+
                """, printer.render(table));
    }

    @Test
    void tableWithoutRowsAndTitleIsHeaderBetweenRules() {
        Table table = new Table(null, List.of(Column.right("TL"), Column.right("LSN")), List.of(), false);
        assertEquals("""
                +----+-----+
                | TL | LSN |
                +----+-----+
                +----+-----+
                """, printer.render(table));
    }
}
