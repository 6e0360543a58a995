package io.pgha.cli.render;

import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import java.util.List;
import java.util.stream.Collectors;

/** Header row, then one row per line, cells joined by a tab in Python's text form; blanks stay (trailing tabs). */
public final class TsvPrinter implements Printer {

    @Override
    public String render(Table table) {
        StringBuilder sb = new StringBuilder();
        line(sb, List.copyOf(table.headers()));
        table.rows().forEach(row -> line(sb, row));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<?> cells) {
        sb.append(cells.stream().map(PyText::str).collect(Collectors.joining("\t"))).append('\n');
    }
}
