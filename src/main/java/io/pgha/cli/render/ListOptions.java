package io.pgha.cli.render;

/**
 * How {@code list}/{@code topology} render: the surface to imitate, the format ({@link OutputFormat#TOPOLOGY}
 * for the topology command) and {@code -e/--extended}.
 */
public record ListOptions(Surface surface, OutputFormat format, boolean extended) {

    public ListOptions {
        if (surface == null || format == null) {
            throw new IllegalArgumentException("surface and format are required");
        }
    }

    public static ListOptions of(OutputFormat format) {
        return new ListOptions(Surface.PATRONI_4_1, format, false);
    }

    public ListOptions extended(boolean value) {
        return new ListOptions(surface, format, value);
    }

    public ListOptions surface(Surface value) {
        return new ListOptions(value, format, extended);
    }
}
