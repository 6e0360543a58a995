package io.pgha.cli.render;

import java.util.Locale;
import java.util.Optional;

/** patronictl's {@code -f/--format} values; {@code topology} is the topology command's own form of pretty. */
public enum OutputFormat {
    PRETTY, TSV, JSON, YAML, TOPOLOGY;

    /** {@code pretty}, {@code tsv}, {@code json}, {@code yaml} or {@code yml}, as {@code -f} accepts them. */
    public static Optional<OutputFormat> fromOption(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "pretty" -> Optional.of(PRETTY);
            case "tsv" -> Optional.of(TSV);
            case "json" -> Optional.of(JSON);
            case "yaml", "yml" -> Optional.of(YAML);
            default -> Optional.empty();
        };
    }

    /** pretty and topology draw a table and are followed by the service lines. */
    public boolean isTable() {
        return this == PRETTY || this == TOPOLOGY;
    }
}
