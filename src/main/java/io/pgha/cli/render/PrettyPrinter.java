package io.pgha.cli.render;

import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import java.util.ArrayList;
import java.util.List;

/**
 * PrettyTable as patronictl configures it: one space of padding, cells aligned per column (headers
 * too), rules at the top, under the header and at the bottom, or between every row when some cell
 * spans several lines. The title replaces the start of the top border (counted in characters);
 * column widths are terminal cells, as PrettyTable measures them.
 */
public final class PrettyPrinter implements Printer {
    private final Style style;

    public PrettyPrinter() {
        this(Style.PLAIN);
    }

    /** @param style how cells look on a terminal (colours); {@link Style#PLAIN} for patronictl's exact text */
    public PrettyPrinter(Style style) {
        this.style = style;
    }

    @Override
    public String render(Table table) {
        List<Table.Column> columns = table.columns();
        List<List<String[]>> cells = new ArrayList<>();
        boolean multiline = false;
        for (List<Object> row : table.rows()) {
            List<String[]> lines = new ArrayList<>();
            for (Object value : row) {
                String text = PyText.str(value);
                multiline |= text.contains("\n");
                lines.add(text.split("\n", -1));
            }
            cells.add(lines);
        }
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = length(columns.get(c).name());
            for (List<String[]> row : cells) {
                for (String line : row.get(c)) {
                    widths[c] = Math.max(widths[c], length(line));
                }
            }
        }
        String rule = rule(widths);
        StringBuilder sb = new StringBuilder();
        sb.append(withTitle(rule, table.title())).append('\n');
        List<String[]> header = columns.stream().map(c -> new String[] {c.name()}).toList();
        appendRow(sb, header, columns, widths, Style.PLAIN);
        sb.append(rule).append('\n');
        for (List<String[]> row : cells) {
            appendRow(sb, row, columns, widths, style);
            if (multiline) {
                sb.append(rule).append('\n');
            }
        }
        if (!multiline) {
            sb.append(rule).append('\n');
        }
        return sb.toString();
    }

    private static String rule(int[] widths) {
        StringBuilder sb = new StringBuilder("+");
        for (int width : widths) {
            sb.append("-".repeat(width + 2)).append('+');
        }
        return sb.toString();
    }

    /** The first character of the border stays; the title overwrites what follows, cut to keep the last. */
    static String withTitle(String border, String title) {
        if (title == null || title.isEmpty()) {
            return border;
        }
        int[] cps = border.codePoints().toArray();
        int[] titleCps = title.codePoints().toArray();
        int keep = Math.max(0, Math.min(titleCps.length, cps.length - 2));
        StringBuilder sb = new StringBuilder().appendCodePoint(cps[0]);
        sb.append(new String(titleCps, 0, keep));
        sb.append(new String(cps, 1 + keep, cps.length - 1 - keep));
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String[]> row, List<Table.Column> columns, int[] widths,
                                  Style style) {
        int height = row.stream().mapToInt(lines -> lines.length).max().orElse(1);
        for (int y = 0; y < height; y++) {
            sb.append('|');
            for (int c = 0; c < columns.size(); c++) {
                String[] lines = row.get(c);
                String line = y < lines.length ? lines[y] : "";
                String pad = " ".repeat(widths[c] - length(line));
                sb.append(' ');
                sb.append(style.apply(columns.get(c).name(), columns.get(c).align() == Table.Align.RIGHT ? pad + line : line + pad));
                sb.append(" |");
            }
            sb.append('\n');
        }
    }

    private static int length(String s) {
        return DisplayWidth.of(s);
    }
}
