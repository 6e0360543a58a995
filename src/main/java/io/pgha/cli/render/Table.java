package io.pgha.cli.render;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Data for one printed table: columns and rows of typed cells (numbers stay numbers, tags stay maps;
 * an empty string is a blank cell). {@code title} is written into the top border of pretty output
 * (null for none). {@code blankFieldsOmitted}: json/yaml leave out fields whose text is empty, as
 * patronictl does for tables that carry a title (list) but not for history.
 */
public record Table(String title, List<Column> columns, List<List<Object>> rows, boolean blankFieldsOmitted) {

    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public List<String> headers() {
        return columns.stream().map(Column::name).toList();
    }

    /** Column name and its alignment in pretty output. */
    public record Column(String name, Align align) {
        public static Column left(String name) {
            return new Column(name, Align.LEFT);
        }

        public static Column right(String name) {
            return new Column(name, Align.RIGHT);
        }
    }

    public enum Align { LEFT, RIGHT }
}
