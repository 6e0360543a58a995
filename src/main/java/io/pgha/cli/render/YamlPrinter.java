package io.pgha.cli.render;

/** The rows as a YAML block sequence of mappings, keys sorted; patronictl echoes the dump plus a newline. */
public final class YamlPrinter implements Printer {

    @Override
    public String render(Table table) {
        return PyYaml.dump(Documents.of(table)) + "\n";
    }
}
