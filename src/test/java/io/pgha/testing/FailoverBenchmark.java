package io.pgha.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pgha against real Patroni 3.0.2, side by side on the same machine and timings (three nodes and a
 * single etcd on loopback each, one system at a time): the write gap of a switchover, of SIGTERM to the
 * primary's agent and of the primary's node death (kill -9 of agent and PostgreSQL), acknowledged writes
 * lost by them, etcd requests per minute of the idle cluster and the agents' resident memory. Run by
 * {@code dist/dev/bench-failover}; prints medians and pgha/Patroni ratios on stdout, progress on stderr.
 * <p>
 * Idle etcd requests are the gRPC calls etcd started (grpc_server_started_total; a request through
 * etcd's HTTP gateway, which Patroni uses, is one call too) in 60 s of a healthy, idle cluster.
 * <p>
 * The write gap is what a client writing every 10 ms sees: from the old primary's last acknowledged
 * INSERT to the first one another node acknowledges. Lost writes are acknowledged rows missing on the
 * primary once the old primary has rejoined. How long a dead leader's key lives depends on when in its
 * HA cycle the node died, so the node dies at the same points of the cycle for both systems: run k of n
 * kills it {@code (k − ½) / n × loop_wait} after the leader's lease was last kept alive (seen as a jump of
 * the lease's remaining TTL in etcd).
 */
public final class FailoverBenchmark {
    private static final long TAKEOVER_TIMEOUT = Duration.ofSeconds(180).toNanos();
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static Duration idleSettle = Duration.ofSeconds(30);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(60);
    private static final Pattern METRIC = Pattern.compile("^(grpc_server_(?:started|msg_received)_total)\\{([^}]*)\\} ([0-9.e+]+)$");
    private static final Pattern METHOD = Pattern.compile("grpc_method=\"([^\"]*)\"");

    private static final List<String> CASES = List.of("switchover", "sigterm", "death");

    private FailoverBenchmark() {
    }

    /** Everything measured for one system. */
    private static final class Results {
        final Map<String, List<Long>> gaps = new LinkedHashMap<>();
        final Map<String, Long> lost = new LinkedHashMap<>();
        final Map<String, Long> late = new LinkedHashMap<>();
        double requestsPerMinute = Double.NaN;
        double messagesPerMinute = Double.NaN;
        long rssKib = -1;
        long rssAfterKib = -1;

        Results() {
            for (String c : CASES) {
                gaps.put(c, new ArrayList<>());
                lost.put(c, 0L);
                late.put(c, 0L);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int[] timing = {30, 10, 10};
        List<String> systems = new ArrayList<>(List.of("pgha", "patroni"));
        List<String> cases = new ArrayList<>(CASES);
        boolean idle = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--timings" -> {
                    String[] t = args[++i].split("/");
                    timing = new int[] {Integer.parseInt(t[0]), Integer.parseInt(t[1]), Integer.parseInt(t[2])};
                }
                case "--only" -> systems = List.of(args[++i]);
                case "--cases" -> cases = List.of(args[++i].split(","));
                case "--no-idle" -> idle = false;
                case "--idle-settle" -> idleSettle = Duration.ofSeconds(Integer.parseInt(args[++i]));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --runs N, --timings TTL/LOOP_WAIT/RETRY_TIMEOUT, --only pgha|patroni, --cases "
                        + String.join(",", CASES) + ", --no-idle, --idle-settle SECONDS");
            }
        }
        String timings = timing[0] + "/" + timing[1] + "/" + timing[2];
        log("load before: " + load());
        Map<String, Results> all = new LinkedHashMap<>();
        for (String system : systems) {
            Results results = new Results();
            all.put(system, results);
            try (BenchTarget target = system.equals("pgha") ? new BenchTarget.Pgha(timing[0], timing[1], timing[2])
                    : new BenchTarget.Patroni(timing[0], timing[1], timing[2])) {
                target.awaitHealthy();
                if (idle) {
                    measureIdle(target, results);
                }
                for (int run = 1; run <= runs; run++) {
                    for (String c : cases) {
                        Duration phase = Duration.ofMillis(Math.round((run - 0.5) / runs * timing[1] * 1000));
                        measureFailover(target, c, run, results, phase);
                    }
                }
                if (idle) {
                    target.awaitHealthy();
                    sleep(SETTLE);
                    results.rssAfterKib = medianRss(target);
                }
            }
            log("load after " + system + ": " + load());
        }
        print(all, timings, runs, cases, idle);
    }

    private static void measureIdle(BenchTarget target, Results results) throws IOException, InterruptedException {
        sleep(idleSettle);
        URI metrics = target.etcd().endpoint().resolve("/metrics");
        Map<String, double[]> before = scrape(metrics);
        sleep(IDLE_WINDOW);
        Map<String, double[]> after = scrape(metrics);
        double minutes = IDLE_WINDOW.toSeconds() / 60.0;
        double messages = 0;
        double streams = 0;
        Map<String, String> perMethod = new TreeMap<>();
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            double[] b = before.getOrDefault(e.getKey(), new double[2]);
            double started = e.getValue()[0] - b[0];
            double received = e.getValue()[1] - b[1];
            messages += received;
            streams += started;
            if (started > 0 || received > 0) {
                perMethod.put(e.getKey(), String.format(Locale.ROOT, "%.0f calls, %.0f messages", started, received));
            }
        }
        results.requestsPerMinute = streams / minutes;
        results.messagesPerMinute = messages / minutes;
        results.rssKib = medianRss(target);
        log(target.system() + " idle etcd traffic in " + IDLE_WINDOW.toSeconds() + " s: " + perMethod);
    }

    /** grpc method → {calls started, messages received} summed over types and codes. */
    private static Map<String, double[]> scrape(URI metrics) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String body = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> sums = new TreeMap<>();
        for (String line : body.split("\n")) {
            Matcher m = METRIC.matcher(line.trim());
            if (!m.matches()) {
                continue;
            }
            Matcher method = METHOD.matcher(m.group(2));
            String name = method.find() ? method.group(1) : "?";
            double[] sum = sums.computeIfAbsent(name, k -> new double[2]);
            sum[m.group(1).contains("started") ? 0 : 1] += Double.parseDouble(m.group(3));
        }
        return sums;
    }

    private static long medianRss(BenchTarget target) {
        List<Long> values = new ArrayList<>();
        for (int index : BenchTarget.indexes(target)) {
            values.add(rssKib(target.agentPid(index)));
        }
        log(target.system() + " agent VmRSS (KiB): " + values);
        return median(values);
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // gone
        }
        return -1;
    }

    /** One failover from a healthy cluster; the old primary rejoins and the lost writes are counted after. */
    private static void measureFailover(BenchTarget target, String kind, int run, Results results, Duration phase)
            throws Exception {
        int primary = target.awaitHealthy();
        int candidate = primary % 3 + 1;
        try (WriteProbe probe = WriteProbe.start(target.pgPorts(), primary, "postgres",
                target instanceof BenchTarget.Pgha ? PghaClusterFixture.SUPERUSER_PASSWORD : PatroniClusterFixture.SUPERUSER_PASSWORD)) {
            sleep(Duration.ofSeconds(1));
            if (kind.equals("death")) {
                afterLeaseRefresh(target, phase);
            }
            long start = System.nanoTime();
            switch (kind) {
                case "death" -> target.kill9(primary);
                case "sigterm" -> target.signalTerm(primary);
                case "switchover" -> target.switchover(primary, candidate);
                default -> throw new IllegalArgumentException("unknown case " + kind);
            }
            WriteProbe.Gap gap = probe.awaitTakeover(primary, start, TAKEOVER_TIMEOUT);
            if (gap == null) {
                throw new IllegalStateException(target.system() + " " + kind + ": no other node took writes within 180 s");
            }
            sleep(Duration.ofSeconds(1));
            if (kind.equals("sigterm")) {
                target.finishStop(primary);
            }
            if (!kind.equals("switchover")) {
                target.start(primary);
            }
            int healed = target.awaitHealthy();
            probe.stop();
            long lost = probe.lost(healed);
            results.gaps.get(kind).add(gap.millis());
            results.lost.merge(kind, lost, Long::sum);
            results.late.merge(kind, (long) gap.lateAcksOfOldPrimary(), Long::sum);
            log(String.format(Locale.ROOT, "%s run %d %-10s gap %6d ms (%s took over), lost %d, late acks of the old primary %d",
                    target.system(), run, kind, gap.millis(), target.name(gap.newPrimary()), lost, gap.lateAcksOfOldPrimary()));
        }
    }

    /** Waits until the leader's lease was just kept alive (its remaining TTL jumps up), then {@code phase}. */
    private static void afterLeaseRefresh(BenchTarget target, Duration phase) throws IOException, InterruptedException {
        long lease;
        try (io.pgha.dcs.EtcdGatewayDcs dcs = new io.pgha.dcs.EtcdGatewayDcs(target.etcd().settings())) {
            lease = dcs.get(target.leaderKey()).orElseThrow().lease();
        }
        HttpClient http = HttpClient.newHttpClient();
        URI ttl = target.etcd().endpoint().resolve("/v3/lease/timetolive");
        long previous = Long.MAX_VALUE;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(ttl).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"ID\": \"" + lease + "\"}")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("\"TTL\":\"?(-?[0-9]+)").matcher(body);
            long left = m.find() ? Long.parseLong(m.group(1)) : -1;
            if (left > previous) {
                sleep(phase);
                return;
            }
            previous = left;
            Thread.sleep(50);
        }
        log("no keep-alive of the leader's lease seen within 60 s; killing now");
    }

    private static void print(Map<String, Results> all, String timings, int runs, List<String> cases, boolean idle) {
        Results pgha = all.get("pgha");
        Results patroni = all.get("patroni");
        System.out.printf(Locale.ROOT, "timings %s, %d runs per case, medians (load average %s)%n", timings, runs, load());
        System.out.printf(Locale.ROOT, "%-28s %14s %14s %8s%n", "", "pgha", "Patroni 3.0.2", "ratio");
        for (String c : cases) {
            String label = switch (c) {
                case "death" -> "node death write gap (ms)";
                case "sigterm" -> "SIGTERM write gap (ms)";
                default -> "switchover write gap (ms)";
            };
            Double a = pgha == null ? null : (double) median(pgha.gaps.get(c));
            Double b = patroni == null ? null : (double) median(patroni.gaps.get(c));
            row(label, a, b, "%.0f");
        }
        for (String c : cases) {
            row("lost acked writes, " + c, pgha == null ? null : (double) pgha.lost.get(c),
                    patroni == null ? null : (double) patroni.lost.get(c), "%.0f");
        }
        if (idle) {
            row("idle etcd requests/min", pgha == null ? null : pgha.requestsPerMinute,
                    patroni == null ? null : patroni.requestsPerMinute, "%.1f");
            row("idle etcd gRPC messages/min", pgha == null ? null : pgha.messagesPerMinute,
                    patroni == null ? null : patroni.messagesPerMinute, "%.1f");
            row("agent RSS idle (MiB)", pgha == null ? null : pgha.rssKib / 1024.0,
                    patroni == null ? null : patroni.rssKib / 1024.0, "%.1f");
            row("agent RSS after runs (MiB)", pgha == null ? null : pgha.rssAfterKib / 1024.0,
                    patroni == null ? null : patroni.rssAfterKib / 1024.0, "%.1f");
        }
        for (Map.Entry<String, Results> e : all.entrySet()) {
            for (String c : cases) {
                System.out.printf(Locale.ROOT, "%s %s gaps (ms): %s%s%n", e.getKey(), c, e.getValue().gaps.get(c),
                        e.getValue().late.get(c) > 0 ? "  (old primary acknowledged " + e.getValue().late.get(c)
                                + " writes after the new one)" : "");
            }
        }
    }

    private static void row(String label, Double a, Double b, String format) {
        String left = a == null ? "-" : String.format(Locale.ROOT, format, a);
        String right = b == null ? "-" : String.format(Locale.ROOT, format, b);
        String ratio = a == null || b == null || b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / b);
        System.out.printf(Locale.ROOT, "%-28s %14s %14s %8s%n", label, left, right, ratio);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void log(String line) {
        System.err.println(java.time.LocalTime.now().withNano(0) + " " + line);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
