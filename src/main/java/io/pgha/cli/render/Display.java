package io.pgha.cli.render;

/**
 * Where pretty output goes: whether it may be coloured and how many columns the terminal has (0: no
 * limit). Pipes and files get {@link #PLAIN}, so scripts see patronictl's exact text.
 */
public record Display(boolean colour, int width) {
    public static final Display PLAIN = new Display(false, 0);

    /**
     * What a terminal on standard output allows: colour unless NO_COLOR is set (no-color.org) or TERM is
     * dumb; {@code columns} as the terminal reports them.
     */
    public static Display decide(boolean stdoutIsTerminal, String noColor, String term, int columns) {
        if (!stdoutIsTerminal) {
            return PLAIN;
        }
        boolean colour = (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
        return new Display(colour, Math.max(columns, 0));
    }

    public Style style() {
        return colour ? Style.ROLES_AND_STATES : Style.PLAIN;
    }
}
