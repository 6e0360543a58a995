package io.pgha.cli.render;

import io.pgha.text.PyJson;

/** One line: an array with one object per row, keys in column order (Python {@code json.dumps}). */
public final class JsonPrinter implements Printer {

    @Override
    public String render(Table table) {
        return PyJson.dumps(Documents.of(table)) + "\n";
    }
}
