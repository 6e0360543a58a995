package io.pgha.testing;

import io.pgha.testing.PghaClusterFixture.Node;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The write-unavailability window of a three-node pgha cluster when the primary's host dies (kill -9 of
 * agent and PostgreSQL) and when its agent is stopped (SIGTERM), with the default timings (30/10/10) and
 * the fast ones (10/2/3; pgha raises ttl to 20, as Patroni 4 does). Run by {@code dist/dev/bench-failover}.
 * The window runs from the kill or signal to the first INSERT another node accepts.
 */
public final class FailoverBenchmark {
    private static final Duration HEALTHY = Duration.ofSeconds(180);

    private FailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 1 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
        List<String> lines = new ArrayList<>();
        for (int[] timing : new int[][] {{30, 10, 10}, {10, 2, 3}}) {
            String name = timing[0] + "/" + timing[1] + "/" + timing[2];
            List<Long> death = new ArrayList<>();
            List<Long> sigterm = new ArrayList<>();
            try (PghaClusterFixture cluster = PghaClusterFixture.builder("bench-" + timing[0] + "-" + timing[1])
                    .timing(timing[0], timing[1], timing[2]).start()) {
                for (int run = 1; run <= runs; run++) {
                    death.add(window(cluster, true));
                    sigterm.add(window(cluster, false));
                    System.err.printf("%s run %d: node death %d ms, SIGTERM %d ms%n", name, run,
                            death.get(death.size() - 1), sigterm.get(sigterm.size() - 1));
                }
            }
            lines.add(String.format(Locale.ROOT, "timings %-8s  node death: median %6d ms  %s", name, median(death), death));
            lines.add(String.format(Locale.ROOT, "timings %-8s  SIGTERM:    median %6d ms  %s", name, median(sigterm), sigterm));
        }
        lines.forEach(System.out::println);
    }

    /** One failover from a healthy cluster; the old primary is started again and the cluster healed after. */
    private static long window(PghaClusterFixture cluster, boolean kill) throws Exception {
        Node primary = cluster.awaitHealthy(HEALTHY);
        List<Node> others = cluster.nodes().stream().filter(n -> n != primary).toList();
        long start = System.nanoTime();
        if (kill) {
            cluster.kill9(primary.index());
        } else {
            cluster.signalTerm(primary.index());
        }
        long window = awaitWrite(others) - start;
        if (!kill) {
            cluster.stop(primary.index());
        }
        cluster.start(primary.index());
        cluster.awaitHealthy(HEALTHY);
        return window / 1_000_000;
    }

    private static long awaitWrite(List<Node> candidates) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            for (Node node : candidates) {
                try (Connection c = node.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS bench_probe (at timestamptz)");
                    s.execute("INSERT INTO bench_probe VALUES (now())");
                    return System.nanoTime();
                } catch (SQLException e) {
                    // not writable yet
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no node accepted writes within 180 s");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
