package io.pgha.postgres;

import java.nio.file.Path;
import java.util.List;

/** How a PostgreSQL client program ended: exit code and its (redacted) combined output. */
record CommandResult(List<String> command, int exitCode, String output) {
    boolean ok() {
        return exitCode == 0;
    }

    String program() {
        return Path.of(command.get(0)).getFileName().toString();
    }

    /** The line that best explains a failure: the last error-looking line, else the last line. */
    String reason() {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            String lower = line.toLowerCase();
            if (lower.contains("fatal") || lower.contains("error") || lower.contains("could not")
                    || lower.contains("failed") || lower.contains("invalid") || lower.contains("panic")) {
                return line;
            }
        }
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    /** One line for an exception: {@code pg_rewind exited with code 1: <reason>}. */
    String failure() {
        return program() + " exited with code " + exitCode + ": " + reason();
    }
}
