package io.pgha.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real PostgreSQL 15 server for tests: initdb into a temp dir, {@code postgres} on a free port,
 * listening on 127.0.0.1 only with its unix socket inside the temp dir, trust auth for the OS user
 * running the tests, fsync off. Fails (never skips) when PostgreSQL 15 is missing or when run as
 * root. Close it to stop the server; a JVM shutdown hook kills it if a test never gets that far.
 */
public final class PostgresFixture implements AutoCloseable {
    public static final Path BIN_DIR = Path.of("/usr/lib/postgresql/15/bin");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final Path dataDir;
    private final int port;
    private final String user;
    private ManagedProcess postmaster;

    private PostgresFixture(Path dir, int port, String user) {
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.port = port;
        this.user = user;
    }

    /** A new cluster (initdb), started and accepting connections. */
    public static PostgresFixture start() {
        requireRunnable(List.of("initdb", "pg_ctl", "postgres"));
        Path dir = FixtureDirectories.create("pgha-pg-");
        PostgresFixture fixture = new PostgresFixture(dir, FreePorts.next(), System.getProperty("user.name"));
        try {
            fixture.initdb();
            fixture.startServer();
            return fixture;
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    /**
     * Fails with a message a person can act on when a PostgreSQL 15 binary is missing or when this
     * JVM runs as root, which PostgreSQL (and Patroni) refuse.
     */
    static void requireRunnable(List<String> binaries) {
        for (String binary : binaries) {
            if (!Files.isExecutable(BIN_DIR.resolve(binary))) {
                throw new IllegalStateException(BIN_DIR.resolve(binary)
                        + " is missing: install Debian's postgresql-15 (dist/dev/test does)");
            }
        }
        if (runningAsRoot()) {
            throw new IllegalStateException("PostgreSQL refuses to run as root: run the suite through dist/dev/test");
        }
    }

    static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private void initdb() {
        List<String> command = List.of(BIN_DIR.resolve("initdb").toString(),
                "-D", dataDir.toString(),
                "-U", user,
                "--auth-local=trust", "--auth-host=trust",
                "-E", "UTF8", "--locale=C",
                "--no-sync", "--no-instructions");
        CommandResult result = Commands.run(command, Duration.ofSeconds(120));
        if (!result.succeeded()) {
            throw new IllegalStateException("initdb failed: " + result.describe());
        }
    }

    private void startServer() {
        List<String> command = List.of(BIN_DIR.resolve("postgres").toString(),
                "-D", dataDir.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + dir,
                "-c", "fsync=off",
                "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off",
                "-c", "max_connections=30",
                "-c", "shared_buffers=16MB");
        postmaster = ManagedProcess.start("postgres :" + port, command, dir, dir.resolve("postgres.log"));
        awaitAcceptingConnections();
    }

    private void awaitAcceptingConnections() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!postmaster.isAlive()) {
                throw new IllegalStateException("postgres exited during start-up:\n" + postmaster.logTail(20));
            }
            try (Connection ignored = connect()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        throw new IllegalStateException("postgres not accepting connections on port " + port + " after "
                + START_TIMEOUT + " (" + (last == null ? "" : last.getMessage()) + "):\n" + postmaster.logTail(20));
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The directory holding the server's unix socket. */
    public Path socketDir() {
        return dir;
    }

    /** The database user the tests connect as: the OS user running them (trust auth). */
    public String user() {
        return user;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection to database {@code postgres}; the caller closes it. */
    public Connection connect() throws SQLException {
        return connect("postgres");
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, "");
    }

    /** Runs one statement in database {@code postgres}; returns the update count (0 for DDL). */
    public int execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            return statement.execute(sql) ? 0 : statement.getUpdateCount();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query in database {@code postgres}, every value as text (null stays null). */
    public List<List<String>> query(String sql) {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(java.util.Collections.unmodifiableList(row));
            }
            return List.copyOf(rows);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public boolean isRunning() {
        return postmaster != null && postmaster.isAlive();
    }

    /** The postmaster's pid, while it runs. */
    public long pid() {
        if (postmaster == null) {
            throw new IllegalStateException("postgres is not running");
        }
        return postmaster.pid();
    }

    /** Stops the server at once (pg_ctl stop -m immediate), then kills whatever is left of it. */
    public void stop() {
        if (postmaster == null) {
            return;
        }
        if (postmaster.isAlive()) {
            try {
                Commands.run(List.of(BIN_DIR.resolve("pg_ctl").toString(), "stop", "-D", dataDir.toString(),
                        "-m", "immediate", "-w", "-t", "10"), Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                // the kill below does the job
            }
        }
        postmaster.kill();
        postmaster.close();
        postmaster = null;
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            EtcdFixture.deleteTree(dir);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
