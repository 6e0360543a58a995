package io.pgha.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that keeps inserting rows into whichever node accepts them (one INSERT every
 * {@value #PACE_MILLIS} ms, autocommit), remembering every acknowledged row: the write gap of a failover is
 * the time between the old primary's last acknowledgement and the first one of another node, and a row
 * acknowledged but missing afterwards is a lost write. Connections to every node stay open, so a replica
 * that was just promoted accepts the next INSERT on the session it already has.
 */
public final class WriteProbe implements AutoCloseable {
    private static final long PACE_MILLIS = 10;
    private static final AtomicLong IDS = new AtomicLong();

    /** One acknowledged INSERT: row id, node index, when the acknowledgement arrived (nanoTime). */
    public record Ack(long id, int node, long at) {
    }

    /** A failover seen by the client: the write gap, who took over, writes the old primary acknowledged late. */
    public record Gap(long millis, int newPrimary, int lateAcksOfOldPrimary) {
    }

    private final List<Integer> ports;
    private final String user;
    private final String password;
    private final Connection[] connections;
    private final List<Ack> acks = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private WriteProbe(List<Integer> ports, String user, String password) {
        this.ports = List.copyOf(ports);
        this.user = user;
        this.password = password;
        this.connections = new Connection[ports.size()];
        this.thread = new Thread(this::loop, "write-probe");
        thread.setDaemon(true);
    }

    /** Creates the table through {@code primaryPort} and starts writing; node indexes are 1-based positions in {@code ports}. */
    public static WriteProbe start(List<Integer> ports, int primaryIndex, String user, String password) throws SQLException {
        WriteProbe probe = new WriteProbe(ports, user, password);
        try (Connection c = probe.open(primaryIndex, 30); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_writes (id bigint PRIMARY KEY, node int, at timestamptz DEFAULT now())");
        }
        probe.thread.start();
        return probe;
    }

    private Connection open(int index, int loginSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(loginSeconds));
        props.setProperty("socketTimeout", String.valueOf(loginSeconds + 2));
        props.setProperty("loginTimeout", String.valueOf(loginSeconds));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.get(index - 1) + "/postgres", props);
    }

    private void loop() {
        int preferred = 1;
        while (running) {
            boolean written = false;
            for (int k = 0; k < ports.size() && !written && running; k++) {
                int index = (preferred - 1 + k) % ports.size() + 1;
                written = tryWrite(index);
                if (written) {
                    preferred = index;
                }
            }
            sleep(PACE_MILLIS);
        }
    }

    private boolean tryWrite(int index) {
        long id = IDS.incrementAndGet();
        try {
            if (connections[index - 1] == null) {
                connections[index - 1] = open(index, 5);
            }
            try (Statement s = connections[index - 1].createStatement()) {
                s.executeUpdate("INSERT INTO bench_writes (id, node) VALUES (" + id + ", " + index + ")");
            }
            long at = System.nanoTime();
            synchronized (acks) {
                acks.add(new Ack(id, index, at));
            }
            return true;
        } catch (SQLException e) {
            // 25006: a replica (read only); the session is kept for when it is promoted
            if (!"25006".equals(e.getSQLState())) {
                closeQuietly(index);
            }
            return false;
        }
    }

    private void closeQuietly(int index) {
        Connection c = connections[index - 1];
        connections[index - 1] = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    /** Waits until a node other than {@code oldPrimary} acknowledged a write after {@code since}; null on timeout. */
    public Gap awaitTakeover(int oldPrimary, long since, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            List<Ack> copy = acks();
            Ack first = copy.stream().filter(a -> a.at() > since && a.node() != oldPrimary).findFirst().orElse(null);
            if (first != null) {
                long lastOld = copy.stream().filter(a -> a.node() == oldPrimary && a.at() < first.at())
                        .mapToLong(Ack::at).max().orElse(since);
                int late = (int) copy.stream().filter(a -> a.node() == oldPrimary && a.at() > first.at()).count();
                return new Gap((first.at() - lastOld) / 1_000_000, first.node(), late);
            }
            sleep(20);
        }
        return null;
    }

    public List<Ack> acks() {
        synchronized (acks) {
            return List.copyOf(acks);
        }
    }

    /** Acknowledged rows missing on the node at {@code index} (read there after the cluster healed). */
    public long lost(int index) throws SQLException {
        Set<Long> present = new HashSet<>();
        try (Connection c = open(index, 30); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM bench_writes")) {
            while (rs.next()) {
                present.add(rs.getLong(1));
            }
        }
        return acks().stream().filter(a -> !present.contains(a.id())).count();
    }

    /**
     * Of {@code acknowledged} (a snapshot of {@link #acks()} taken before), the rows missing on the node at
     * {@code index}: safe to call while the probe goes on writing.
     */
    public long lost(int index, List<Ack> acknowledged) throws SQLException {
        Set<Long> present = new HashSet<>();
        try (Connection c = open(index, 30); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM bench_writes")) {
            while (rs.next()) {
                present.add(rs.getLong(1));
            }
        }
        return acknowledged.stream().filter(a -> !present.contains(a.id())).count();
    }

    /** Stops writing; the acknowledgements stay readable. */
    public void stop() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 1; i <= ports.size(); i++) {
            closeQuietly(i);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
