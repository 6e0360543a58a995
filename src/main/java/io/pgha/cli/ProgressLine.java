package io.pgha.cli;

import java.io.PrintWriter;

/**
 * One self-updating status line while a command waits ({@code pause --wait}, {@code reinit --wait}):
 * {@code waiting for node2 to recognize the pause ... 4 s}, rewritten in place on a terminal and
 * erased when the wait ends. Off a terminal it prints nothing, so scripts see patronictl's text only.
 */
public final class ProgressLine implements AutoCloseable {
    private static final String ERASE = "\r\033[2K";
    private final PrintWriter out;
    private final boolean terminal;
    private final long startedNanos = System.nanoTime();
    private boolean shown;

    ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A progress line on {@code context}'s output; silent unless that is a terminal. */
    public static ProgressLine on(CliContext context) {
        return new ProgressLine(context.out(), context.display().width() > 0);
    }

    /** Shows {@code status} with the seconds waited so far. */
    public void update(String status) {
        if (!terminal) {
            return;
        }
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        out.print(ERASE + status + " ... " + seconds + " s");
        out.flush();
        shown = true;
    }

    /** Erases the line, so what the command prints next starts at the beginning of a clean line. */
    @Override
    public void close() {
        if (shown) {
            out.print(ERASE);
            out.flush();
            shown = false;
        }
    }
}
