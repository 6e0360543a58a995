package io.pgha.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches one node for the {@link Checker}: a sampler reads its REST role and {@code pg_is_in_recovery()}
 * every ~100 ms, and a prober sends it a one-row INSERT (autocommit) every ~100 ms, recording whether the
 * commit was acknowledged. Both use short timeouts so a hung node shows up as "not answering".
 * <p>
 * The probe's timeout is the JDBC socket timeout, on the client: a server-side statement_timeout or a
 * cancel would end a commit waiting for its synchronous standby with a mere WARNING and report success
 * for a commit no standby has, which is exactly what strict synchronous mode must not acknowledge.
 */
final class NodeWatcher implements AutoCloseable {
    private static final Pattern ROLE = Pattern.compile("\"role\"\\s*:\\s*\"([^\"]*)\"");
    private static final long PACE_MILLIS = 100;

    /** What the sampler saw last; at is System.nanoTime of the answer. */
    record Sample(String restRole, Boolean inRecovery, long restAt, long pgAt) {
    }

    private final int index;
    private final int pgPort;
    private final URI rest;
    private final String user;
    private final String password;
    private final AtomicLong ids;
    private final Consumer<Long> acknowledgedId;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
    private final List<WriteAttempt> attempts = new ArrayList<>();
    private final Thread sampler;
    private final Thread prober;
    private volatile Sample latest = new Sample(null, null, 0, 0);
    private volatile boolean running = true;

    NodeWatcher(int index, int pgPort, int restPort, String user, String password, AtomicLong ids,
                Consumer<Long> acknowledgedId) {
        this.index = index;
        this.pgPort = pgPort;
        this.rest = URI.create("http://127.0.0.1:" + restPort + "/patroni");
        this.user = user;
        this.password = password;
        this.ids = ids;
        this.acknowledgedId = acknowledgedId;
        this.sampler = new Thread(this::sample, "chaos-sample-node" + index);
        this.prober = new Thread(this::probe, "chaos-probe-node" + index);
        sampler.setDaemon(true);
        prober.setDaemon(true);
    }

    void start() {
        sampler.start();
        prober.start();
    }

    int index() {
        return index;
    }

    Sample latest() {
        return latest;
    }

    List<WriteAttempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    private void sample() {
        Connection connection = null;
        while (running) {
            long started = System.nanoTime();
            String role = restRole();
            long restAt = System.nanoTime();
            Boolean inRecovery = null;
            try {
                if (connection == null) {
                    connection = open(1);
                }
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                    rs.next();
                    inRecovery = rs.getBoolean(1);
                }
            } catch (SQLException e) {
                closeQuietly(connection);
                connection = null;
            }
            latest = new Sample(role, inRecovery, restAt, System.nanoTime());
            pace(started);
        }
        closeQuietly(connection);
    }

    private String restRole() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest).timeout(Duration.ofMillis(800)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = ROLE.matcher(response.body());
            return m.find() ? m.group(1) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void probe() {
        Connection connection = null;
        while (running) {
            long started = System.nanoTime();
            long id = ids.incrementAndGet();
            long sent = System.nanoTime();
            boolean acknowledged = false;
            try {
                if (connection == null) {
                    connection = open(2);
                }
                sent = System.nanoTime();
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO chaos_probe (id, node) VALUES (?, ?)")) {
                    s.setLong(1, id);
                    s.setInt(2, index);
                    s.executeUpdate();
                }
                acknowledged = true;
            } catch (SQLException e) {
                // 25006: read-only (a replica); the session stays for when the node is promoted
                if (!"25006".equals(e.getSQLState())) {
                    closeQuietly(connection);
                    connection = null;
                }
            }
            long answered = System.nanoTime();
            if (acknowledged) {
                acknowledgedId.accept(id);
            }
            synchronized (attempts) {
                attempts.add(new WriteAttempt(index, sent, answered, acknowledged));
            }
            pace(started);
        }
        closeQuietly(connection);
    }

    private Connection open(int timeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("socketTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("ApplicationName", "pgha-chaos-checker");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", props);
    }

    private void pace(long started) {
        long left = PACE_MILLIS - (System.nanoTime() - started) / 1_000_000;
        if (left > 0) {
            try {
                Thread.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join(5_000);
            prober.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
