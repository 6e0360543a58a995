package io.pgha.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens JDBC connections to the local PostgreSQL or to an upstream, always bounded in time. The
 * password travels only in the driver properties; errors come back redacted and on one line.
 */
final class Connector {
    private final PostgresSettings settings;
    private final Redactor redactor;
    private final Duration timeout;

    Connector(PostgresSettings settings, Redactor redactor, Duration timeout) {
        this.settings = settings;
        this.redactor = redactor;
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** The local server over TCP as the superuser. */
    Connection local() {
        return open(settings.listen().localHost(), settings.listen().port(), settings.database(),
                settings.authentication().superuser(), "local PostgreSQL");
    }

    /** The local server over TCP as the superuser, in {@code database} (logical slots live in one). */
    Connection local(String database) {
        return open(settings.listen().localHost(), settings.listen().port(), database,
                settings.authentication().superuser(), "local PostgreSQL");
    }

    /** An upstream as {@code user} (superuser for a checkpoint, rewind user for checks). */
    Connection upstream(Upstream upstream, Credentials user) {
        return open(upstream.host(), upstream.port(), upstream.database(), user, "PostgreSQL on " + upstream);
    }

    private Connection open(String host, int port, String database, Credentials user, String what) {
        Properties props = new Properties();
        props.setProperty("user", user.username());
        if (user.hasPassword()) {
            props.setProperty("password", user.password());
        }
        int seconds = (int) Math.max(1, timeout.toSeconds());
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds + 5));
        props.setProperty("ApplicationName", "pgha");
        props.setProperty("options", "-c statement_timeout=" + timeout.toMillis());
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        try {
            return DriverManager.getConnection("jdbc:postgresql://" + hostPart + ":" + port + "/" + database, props);
        } catch (SQLException e) {
            throw failure("cannot connect to " + what + " as " + user.username(), e);
        }
    }

    /** Work on one connection to the local server. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@code work} on a new connection to the local server; a SQL failure becomes {@code failure}: reason. */
    <T> T onLocal(String failure, SqlWork<T> work) {
        try (Connection connection = local()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(failure, e);
        }
    }

    /** A one-line, password-free exception for a failed SQL action. */
    PostgresException failure(String action, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new PostgresException(redactor.redact(action + ": " + reason));
    }
}
