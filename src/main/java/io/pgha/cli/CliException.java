package io.pgha.cli;

/** An error a command reports to the user as {@code Error: <message>} with an exit code. */
public class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(String message) {
        this(message, ExitCode.ERROR);
    }

    public CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
