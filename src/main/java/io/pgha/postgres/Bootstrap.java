package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * A new cluster (ha-loop.md §14.2, §14.3): initdb with the configured options, then, once it runs,
 * the roles the cluster needs: superuser password, replication role, dedicated pg_rewind role.
 */
final class Bootstrap {
    private final PostgresSettings settings;
    private final Commands commands;

    Bootstrap(PostgresSettings settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /** initdb into the (empty or missing) data directory; the superuser's password via a temp pwfile. */
    void initdb(Duration timeout) {
        Credentials superuser = settings.authentication().superuser();
        List<String> command = new ArrayList<>(List.of(settings.binary("initdb"),
                "--pgdata=" + settings.dataDir(), "--username=" + superuser.username()));
        command.addAll(CliOption.toArguments(settings.initdbOptions()));
        Path pwdir = null;
        try {
            if (superuser.hasPassword()) {
                pwdir = Files.createTempDirectory("pgha-initdb-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path pwfile = pwdir.resolve("pwfile");
                Files.writeString(pwfile, superuser.password() + "\n");
                command.add("--pwfile=" + pwfile);
            }
            CommandResult result = commands.runKeepingLocale(command, Map.of(), timeout);
            if (!result.ok()) {
                throw new PostgresException("initdb failed: " + result.failure());
            }
        } catch (IOException e) {
            throw new PostgresException("initdb: cannot write the password file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(pwdir);
        }
    }

    /**
     * Creates or updates the roles on a freshly bootstrapped primary. Statement logging is off for
     * the session and passwords are sent pre-hashed, so they reach no server log either.
     */
    static void createRoles(Connection connection, Authentication auth) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET log_statement TO 'none'");
            statement.execute("SET log_min_duration_statement TO -1");
            statement.execute("SET log_min_error_statement TO 'panic'");
            statement.execute("SET synchronous_commit TO 'local'");
        }
        setPassword(connection, auth.superuser());
        ensureRole(connection, auth.replication(), "LOGIN REPLICATION");
        if (auth.hasDedicatedRewindUser()) {
            ensureRole(connection, auth.rewind(), "LOGIN");
            grantRewind(connection, auth.rewind().username());
        }
    }

    private static void ensureRole(Connection connection, Credentials user, String attributes) throws SQLException {
        String role = connection.unwrap(PGConnection.class).escapeIdentifier(user.username());
        boolean exists;
        try (PreparedStatement check = connection.prepareStatement("SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?")) {
            check.setString(1, user.username());
            try (ResultSet rs = check.executeQuery()) {
                exists = rs.next();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role + " WITH " + attributes);
        }
        setPassword(connection, user);
    }

    private static void setPassword(Connection connection, Credentials user) throws SQLException {
        if (user.hasPassword()) {
            // null: hashed the way the server's password_encryption says (scram-sha-256 by default)
            connection.unwrap(PGConnection.class).alterUserPassword(user.username(), user.password().toCharArray(), null);
        }
    }

    /** What pg_rewind needs from a non-superuser source connection (PostgreSQL 11+ documentation). */
    private static void grantRewind(Connection connection, String username) throws SQLException {
        String role = connection.unwrap(PGConnection.class).escapeIdentifier(username);
        try (Statement statement = connection.createStatement()) {
            for (String function : List.of("pg_catalog.pg_ls_dir(text, boolean, boolean)",
                    "pg_catalog.pg_stat_file(text, boolean)",
                    "pg_catalog.pg_read_binary_file(text)",
                    "pg_catalog.pg_read_binary_file(text, bigint, bigint, boolean)")) {
                statement.execute("GRANT EXECUTE ON FUNCTION " + function + " TO " + role);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve("pwfile"));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // the directory is private (0700) to this user
        }
    }
}
