package io.pgha.cli.render;

import java.io.PrintWriter;

/** Renders a {@link Table} in one output format; the text ends with the newline patronictl prints. */
public interface Printer {

    String render(Table table);

    default void print(Table table, PrintWriter out) {
        out.print(render(table));
        out.flush();
    }

    static Printer of(OutputFormat format) {
        return switch (format) {
            case PRETTY, TOPOLOGY -> new PrettyPrinter();
            case TSV -> new TsvPrinter();
            case JSON -> new JsonPrinter();
            case YAML -> new YamlPrinter();
        };
    }
}
