package io.pgha.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A pretty table wider than the terminal loses columns from the right until it fits, never the ones
 * that identify a member and its health; the caller says which were left out. Only pretty output on a
 * terminal is fitted: json, yaml and tsv always carry every column.
 */
public final class FitToWidth {
    private static final Set<String> KEPT = Set.of("Cluster", "Group", "Member", "Host", "Role", "State", "TL");

    /** The fitted table and the names of the columns left out (empty when it fitted as it was). */
    public record Fitted(Table table, List<String> leftOut) {
    }

    private FitToWidth() {
    }

    public static Fitted fit(Table table, int width) {
        Table current = table;
        List<String> leftOut = new ArrayList<>();
        while (width > 0 && widthOf(current) > width) {
            int drop = lastDroppable(current);
            if (drop < 0) {
                break;
            }
            leftOut.add(0, current.columns().get(drop).name());
            current = without(current, drop);
        }
        return new Fitted(current, leftOut);
    }

    static int widthOf(Table table) {
        String rendered = new PrettyPrinter().render(table);
        int widest = 0;
        for (String line : rendered.split("\n")) {
            widest = Math.max(widest, DisplayWidth.of(line));
        }
        return widest;
    }

    private static int lastDroppable(Table table) {
        for (int c = table.columns().size() - 1; c >= 0; c--) {
            if (!KEPT.contains(table.columns().get(c).name())) {
                return c;
            }
        }
        return -1;
    }

    private static Table without(Table table, int column) {
        List<Table.Column> columns = new ArrayList<>(table.columns());
        columns.remove(column);
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            List<Object> copy = new ArrayList<>(row);
            copy.remove(column);
            rows.add(copy);
        }
        return new Table(table.title(), columns, rows, table.blankFieldsOmitted());
    }
}
