package io.pgha.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;

/** The terminal screen of a watch: each refresh updates in place the lines that changed (jline's Display). */
final class WatchScreen implements AutoCloseable {
    private final Terminal terminal;
    private final Display display;
    private final int fallbackWidth;

    private WatchScreen(Terminal terminal, int fallbackWidth) {
        this.terminal = terminal;
        this.display = new Display(terminal, true);
        this.fallbackWidth = fallbackWidth;
    }

    /** @param fallbackWidth the width to assume when the terminal reports none (a pseudo-terminal without a size) */
    static WatchScreen open(int fallbackWidth) {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).build();
            terminal.puts(org.jline.utils.InfoCmp.Capability.clear_screen);
            terminal.flush();
            return new WatchScreen(terminal, fallbackWidth);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    void show(String text) {
        List<AttributedString> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(AttributedString.fromAnsi(line));
        }
        if (!lines.isEmpty() && lines.get(lines.size() - 1).length() == 0) {
            lines.remove(lines.size() - 1);
        }
        int width = terminal.getWidth() > 0 ? terminal.getWidth() : fallbackWidth;
        int height = terminal.getHeight() > 0 ? terminal.getHeight() : lines.size() + 1;
        display.resize(height, width);
        display.update(lines, -1);
        terminal.flush();
    }

    @Override
    public void close() {
        try {
            terminal.writer().println();
            terminal.close();
        } catch (IOException e) {
            // the terminal is gone; nothing to restore
        }
    }
}
