package io.pgha.postgres;

import io.pgha.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Local PostgreSQL 15 members for the facade's integration tests: settings on free ports in one
 * temp directory, with passwords full of characters that need escaping. Closing kills every
 * postmaster started here and removes the directory. Fails (never skips) as root or without
 * PostgreSQL 15.
 */
final class TestNodes implements AutoCloseable {
    static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    static final Credentials SUPERUSER = new Credentials("postgres", "su:pa'ss\\word-7c1f");
    static final Credentials REPLICATION = new Credentials("replicator", "rep:l'ic\\a-5e2d");
    static final Credentials REWIND = new Credentials("rewinder", "rew:i'nd\\er-9a4b");
    static final List<String> PASSWORDS = List.of(SUPERUSER.password(), REPLICATION.password(), REWIND.password());

    private final Path root;
    private final List<Postgres> started = new ArrayList<>();

    private TestNodes(Path root) {
        this.root = root;
    }

    static TestNodes create() {
        Object uid;
        try {
            uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Integer.valueOf(0).equals(uid)) {
            throw new IllegalStateException("PostgreSQL refuses to run as root: run the integration tests with dist/dev/test");
        }
        for (String tool : List.of("postgres", "pg_ctl", "initdb", "pg_basebackup", "pg_rewind", "pg_controldata", "pg_isready")) {
            if (!Files.isExecutable(BIN.resolve(tool))) {
                throw new IllegalStateException(BIN.resolve(tool) + " is missing: install postgresql-15 (dist/dev/test does)");
            }
        }
        try {
            return new TestNodes(Files.createTempDirectory("pgha-pg-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings of a member named {@code name} on a fresh port, as a Patroni cluster "it" would have them. */
    PostgresSettings.Builder settings(String name) {
        Path home = root.resolve(name);
        int port = FreePorts.next();
        return PostgresSettings.builder("it", name, home.resolve("data"), new ListenAddress("127.0.0.1", port),
                        new Authentication(SUPERUSER, REPLICATION, REWIND))
                .binDir(BIN)
                .unixSocketDir(home)
                .pgpass(home.resolve("pgpass"))
                .pgCtlTimeout(Duration.ofSeconds(60))
                .usePgRewind(true)
                .initdbOptions(CliOption.fromConfig("bootstrap.initdb", List.of(Map.of("encoding", "UTF8"), Map.of("locale", "C"))))
                .basebackupOptions(CliOption.fromConfig("postgresql.basebackup", Map.of("checkpoint", "fast")))
                .parameter("shared_buffers", "128MB")
                .parameter("log_min_messages", "info")
                .pgHba(List.of(
                        "host all all 127.0.0.1/32 scram-sha-256",
                        "host replication " + REPLICATION.username() + " 127.0.0.1/32 scram-sha-256"));
    }

    Postgres node(String name) {
        return track(new Postgres(settings(name).build()));
    }

    Postgres track(Postgres postgres) {
        started.add(postgres);
        return postgres;
    }

    Path root() {
        return root;
    }

    static Upstream upstream(Postgres postgres) {
        PostgresSettings s = postgres.settings();
        return Upstream.of(s.name(), "127.0.0.1", s.listen().port());
    }

    /** A plain JDBC connection as {@code user}, for what the facade does not offer (test data). */
    static Connection connect(Postgres postgres, Credentials user) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user.username());
        props.setProperty("password", user.password());
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "30");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.settings().listen().port() + "/postgres", props);
    }

    @Override
    public void close() {
        for (Postgres postgres : started) {
            try {
                postgres.stop(StopMode.IMMEDIATE, Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                postgres.kill();
            }
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
