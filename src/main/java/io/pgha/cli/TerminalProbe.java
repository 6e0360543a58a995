package io.pgha.cli;

import io.pgha.cli.render.Display;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether this process's standard output is a terminal, and how wide it is, found without loading a
 * terminal library: /proc/self/fd/1, then COLUMNS or {@code stty size} on /dev/tty.
 */
final class TerminalProbe {
    /** Set by {@link Main#main}: in-process runs (tests, embedding) never print to a terminal. */
    static volatile boolean stdoutIsProcessStdout;

    private TerminalProbe() {
    }

    static Display display(Map<String, String> env) {
        boolean terminal = stdoutIsProcessStdout && isTerminal(Path.of("/proc/self/fd/1"));
        return Display.decide(terminal, env.get("NO_COLOR"), env.get("TERM"), terminal ? columns(env) : 0);
    }

    static boolean isTerminal(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static int columns(Map<String, String> env) {
        String columns = env.get("COLUMNS");
        if (columns != null) {
            try {
                return Integer.parseInt(columns.trim());
            } catch (NumberFormatException e) {
                // fall through to asking the terminal
            }
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                String[] rowsColumns = size.split("\\s+");
                return Integer.parseInt(rowsColumns[1]);
            }
        } catch (IOException | RuntimeException e) {
            // no terminal size: no fitting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
