package io.pgha.config;

/**
 * A configuration problem described in one line a person can act on, usually
 * {@code config error: <where>: <dotted.key>: <what is wrong>}. Messages never contain a password.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
