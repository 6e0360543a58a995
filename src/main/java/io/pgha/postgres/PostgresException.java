package io.pgha.postgres;

/**
 * Something done to the local PostgreSQL (or to an upstream on its behalf) failed. The message is
 * one line a person can act on and never contains a password.
 */
public class PostgresException extends RuntimeException {
    public PostgresException(String message) {
        super(oneLine(message));
    }

    public PostgresException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " | ");
    }
}
