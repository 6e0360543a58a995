package io.pgha.config;

import java.io.StringReader;

/** YAML text to a generic tree, as PyYAML's {@code safe_load} reads it (YAML 1.1 scalars, anchors, merge keys). */
public final class YamlText {
    private YamlText() {
    }

    /**
     * The document's value: maps, lists, strings, numbers, booleans; {@code null} for an empty document.
     *
     * @param source how an error names the text (a file name, {@code -s loop_wait})
     * @throws ConfigException {@code config error: <source>:<line>:<column>: <problem>}
     */
    public static Object parse(String text, String source) {
        return YamlReader.read(new StringReader(text), source).root();
    }
}
