package io.pgha.cli.prompt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard input is a terminal, decided without loading a terminal library. */
final class StandardInput {
    private static final Path FD0 = Path.of("/proc/self/fd/0");

    private StandardInput() {
    }

    static boolean isTerminal() {
        if (Files.exists(FD0)) {
            try {
                String target = Files.readSymbolicLink(FD0).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        // System.console() is non-null on a redirected stdin only from JDK 22 on; elsewhere it is the best test
        return System.console() != null;
    }
}
