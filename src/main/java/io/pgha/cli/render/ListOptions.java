package io.pgha.cli.render;

/**
 * How {@code list}/{@code topology} render: the surface to imitate, the format ({@link OutputFormat#TOPOLOGY}
 * for the topology command), {@code -e/--extended}, and the terminal it is shown on.
 */
public record ListOptions(Surface surface, OutputFormat format, boolean extended, Display display) {

    public ListOptions {
        if (surface == null || format == null || display == null) {
            throw new IllegalArgumentException("surface, format and display are required");
        }
    }

    public ListOptions(Surface surface, OutputFormat format, boolean extended) {
        this(surface, format, extended, Display.PLAIN);
    }

    public static ListOptions of(OutputFormat format) {
        return new ListOptions(Surface.PATRONI_4_1, format, false);
    }

    public ListOptions extended(boolean value) {
        return new ListOptions(surface, format, value, display);
    }

    public ListOptions surface(Surface value) {
        return new ListOptions(value, format, extended, display);
    }

    /** Colours and the terminal's width for pretty output (see {@link Display}). */
    public ListOptions display(Display value) {
        return new ListOptions(surface, format, extended, value);
    }
}
