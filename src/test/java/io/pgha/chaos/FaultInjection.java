package io.pgha.chaos;

import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.TcpProxy;
import io.pgha.testing.WriteProbe;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fault-injection suite: a three-node pgha cluster on a three-member etcd, every agent reaching each
 * etcd member through its own {@link TcpProxy} (so one node can be cut off), synchronous_mode and
 * synchronous_mode_strict on, under continuous writes ({@link WriteProbe}) and the {@link Checker}.
 * Faults of every {@link FaultKind} are injected at random moments, from a seeded {@link Random}; each
 * block of six faults holds every kind once, in random order. Between faults the cluster must heal (one
 * leader, every member streaming from it, the checker seeing exactly that node out of recovery and, in
 * synchronous mode, a synchronous standby) within the heal timeout; then every acknowledged write must be
 * on the leader. Run by {@code dist/dev/chaos} and, shortly, by {@link FaultInjectionIT}.
 */
public final class FaultInjection {
    private static final int TTL = 20;
    private static final int LOOP_WAIT = 2;
    private static final int RETRY_TIMEOUT = 5;

    /**
     * What to run: how many faults, the seed, how long a heal may take, which kinds, and whether faults are
     * held briefly (CI) or over the full ranges.
     */
    record Settings(int faults, long seed, Duration healTimeout, List<FaultKind> kinds, boolean quick, Duration budget) {
    }

    private final Settings settings;
    private final PrintStream progress;
    private final Random random;
    private final Map<FaultKind, FaultStats> byKind = new EnumMap<>(FaultKind.class);
    private final List<String> problems = new ArrayList<>();
    private final Set<Long> knownLost = new HashSet<>();
    private final List<long[]> faultWindows = new ArrayList<>();
    private final List<FaultKind> plan = new ArrayList<>();
    private EtcdFixture etcd;
    private final List<List<TcpProxy>> proxies = new ArrayList<>();
    private PghaClusterFixture cluster;
    private WriteProbe writes;
    private Checker checker;
    private boolean synchronous;
    private String mode = "unknown";
    private int splitBrainSoFar;

    private FaultInjection(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
        this.random = new Random(settings.seed());
        for (FaultKind kind : FaultKind.values()) {
            byKind.put(kind, FaultStats.NONE);
        }
    }

    public static void main(String[] args) {
        int faults = 200;
        long seed = System.nanoTime();
        Duration heal = Duration.ofSeconds(180);
        List<FaultKind> kinds = List.of(FaultKind.values());
        boolean quick = false;
        Duration budget = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--faults" -> faults = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--heal-timeout" -> heal = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--kinds" -> kinds = java.util.Arrays.stream(args[++i].split(","))
                        .map(k -> FaultKind.valueOf(k.trim().toUpperCase(Locale.ROOT).replace('-', '_'))).toList();
                case "--quick" -> quick = true;
                case "--minutes" -> budget = Duration.ofMinutes(Long.parseLong(args[++i]));
                default -> {
                    System.err.println("unknown argument " + args[i] + "; use --faults N, --seed S, --heal-timeout SECONDS, "
                            + "--kinds agent_kill,postmaster_kill,node_kill,agent_freeze,etcd_cut,quorum_loss, --quick, "
                            + "--minutes M (no new fault after M minutes)");
                    System.exit(2);
                }
            }
        }
        ChaosReport report = run(new Settings(faults, seed, heal, kinds, quick, budget), System.err);
        System.out.print(report.text());
        System.exit(report.failures().isEmpty() ? 0 : 1);
    }

    /** Runs the suite; progress lines go to {@code progress}. */
    static ChaosReport run(Settings settings, PrintStream progress) {
        return new FaultInjection(settings, progress).run();
    }

    private ChaosReport run() {
        log("seed " + settings.seed() + " (rerun with --seed " + settings.seed() + "), " + settings.faults() + " faults");
        boolean keep = false;
        try {
            long started = System.nanoTime();
            setUp();
            for (int n = 1; n <= settings.faults(); n++) {
                if (settings.budget() != null && System.nanoTime() - started > settings.budget().toNanos()) {
                    log("time budget of " + settings.budget().toMinutes() + " min spent after " + (n - 1) + " faults");
                    break;
                }
                if (!injectOne(n)) {
                    keep = true;
                    break;
                }
            }
        } catch (Exception e) {
            problems.add("the suite stopped: " + e);
            keep = true;
            log("the suite stopped: " + e + (cluster == null ? "" : "\n" + cluster.logTails(40)));
        } finally {
            if (keep || !problems.isEmpty() || splitBrainSoFar > 0) {
                System.setProperty("pgha.keepClusterDir", "true");
                if (cluster != null) {
                    log("cluster files kept in " + cluster.dir());
                }
            }
            tearDown();
        }
        int outside = splitBrainSoFar - byKind.values().stream().mapToInt(FaultStats::splitBrainInstants).sum();
        return new ChaosReport(settings.seed(), settings.faults(), synchronous, mode, byKind, Math.max(0, outside), problems);
    }

    private void setUp() throws Exception {
        etcd = EtcdFixture.start(3);
        PghaClusterFixture.Builder builder = PghaClusterFixture.builder("chaos").timing(TTL, LOOP_WAIT, RETRY_TIMEOUT)
                .etcd(etcd)
                .bootstrapDcs(Map.of("synchronous_mode", true, "synchronous_mode_strict", true))
                // stuck commits of an isolated old primary hold their backends until it is demoted
                .parameter("max_connections", 200);
        for (int i = 1; i <= 3; i++) {
            List<TcpProxy> mine = new ArrayList<>();
            for (EtcdFixture.Member member : etcd.members()) {
                mine.add(TcpProxy.to(member.clientPort()));
            }
            proxies.add(mine);
            builder.etcdHosts(i, mine.stream().map(p -> "127.0.0.1:" + p.port()).collect(Collectors.joining(",")));
        }
        cluster = builder.start();
        Node leader = cluster.awaitHealthy(settings.healTimeout());
        detectMode(leader);
        execute(leader, "CREATE TABLE IF NOT EXISTS chaos_probe (id bigint PRIMARY KEY, node int, at timestamptz DEFAULT now())");
        writes = WriteProbe.start(cluster.nodes().stream().map(Node::pgPort).toList(), leader.index(),
                PghaClusterFixture.SUPERUSER, PghaClusterFixture.SUPERUSER_PASSWORD);
        checker = new Checker(cluster.nodes().stream().map(n -> new int[] {n.pgPort(), n.restPort()}).toList(),
                PghaClusterFixture.SUPERUSER, PghaClusterFixture.SUPERUSER_PASSWORD);
        checker.start();
        heal(System.nanoTime());
        log("cluster ready, leader " + cluster.leaderName().orElse("?") + ", mode: " + mode);
    }

    /** Synchronous mode is on when the leader names a synchronous standby (an agent without it ignores the setting). */
    private void detectMode(Node leader) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String names = "";
        while (System.nanoTime() < deadline) {
            try {
                names = query(leader, "SHOW synchronous_standby_names");
                if (!names.isBlank()) {
                    break;
                }
            } catch (SQLException e) {
                // not answering yet
            }
            Thread.sleep(500);
        }
        synchronous = !names.isBlank();
        mode = synchronous ? "strict synchronous (synchronous_standby_names = '" + names + "')"
                : "asynchronous (the agent left synchronous_standby_names empty: synchronous_mode not applied)";
    }

    private FaultKind nextKind() {
        if (plan.isEmpty()) {
            List<FaultKind> block = new ArrayList<>(settings.kinds());
            Collections.shuffle(block, random);
            plan.addAll(block);
        }
        return plan.remove(0);
    }

    /** One fault from a healthy cluster until it healed again; false when it did not heal. */
    private boolean injectOne(int n) throws Exception {
        FaultKind kind = nextKind();
        Thread.sleep(500 + random.nextInt(settings.quick() ? 1500 : 4500));
        Node leader = cluster.node(cluster.leaderName().orElseThrow());
        Node target = random.nextBoolean() ? leader
                : cluster.nodes().stream().filter(x -> x != leader).toList().get(random.nextInt(2));
        String what = kind.label() + (kind == FaultKind.QUORUM_LOSS ? "" : " on " + target.name()
                + (target == leader ? " (leader)" : " (replica)"));
        long injected = System.nanoTime();
        double held = inject(kind, target);
        long restored = System.nanoTime();
        boolean healed;
        Node healedLeader = null;
        try {
            healedLeader = heal(restored);
            healed = true;
        } catch (IllegalStateException e) {
            healed = false;
            problems.add(String.format(Locale.ROOT, "fault %d (%s) did not heal within %d s", n, what,
                    settings.healTimeout().toSeconds()));
            log("fault " + n + " (" + what + ") did not heal: " + e.getMessage());
        }
        long done = System.nanoTime();
        faultWindows.add(new long[] {injected, done});
        long lost = healed ? lostWrites(healedLeader) : 0;
        int splitBrain = splitBrainSince();
        List<Checker.Visible> during = checker.visible().stream().filter(v -> v.at() >= injected).toList();
        int pgTwo = (int) during.stream().filter(v -> !v.rest()).count();
        int restTwo = (int) during.stream().filter(Checker.Visible::rest).count();
        long gap = longestGap(injected, done);
        FaultStats stats = new FaultStats(1, gap, done - restored > 0 ? (done - restored) / 1_000_000 : 0, splitBrain,
                lost, pgTwo, restTwo);
        byKind.merge(kind, stats, FaultStats::plus);
        log(String.format(Locale.ROOT, "fault %d/%d %s, held %.1f s: %s in %.1f s, leader %s, write gap %d ms, "
                        + "lost %d, split-brain %d, two primaries visible %d (REST %d)", n, settings.faults(), what, held,
                healed ? "healed" : "NOT HEALED", (done - restored) / 1e9, healedLeader == null ? "-" : healedLeader.name(),
                gap, lost, splitBrain, pgTwo, restTwo));
        if (splitBrain > 0 || (synchronous && lost > 0)) {
            log("logs after fault " + n + ":\n" + cluster.logTails(40));
        }
        return healed;
    }

    /** Injects the fault, holds it, undoes what needs undoing; returns how long it was held, in seconds. */
    private double inject(FaultKind kind, Node target) throws Exception {
        int i = target.index();
        long start = System.nanoTime();
        switch (kind) {
            case AGENT_KILL -> {
                cluster.kill9Agent(i);
                Thread.sleep(hold(1, TTL + 10, TTL + 5));
                cluster.start(i);
            }
            case POSTMASTER_KILL -> cluster.kill9Postgres(i);
            case NODE_KILL -> {
                cluster.kill9(i);
                Thread.sleep(hold(1, TTL + 10, TTL + 5));
                cluster.start(i);
            }
            case AGENT_FREEZE -> {
                cluster.freezeAgent(i, true);
                try {
                    Thread.sleep(hold(TTL + 1, TTL + 9, TTL + 3));
                } finally {
                    cluster.freezeAgent(i, false);
                }
            }
            case ETCD_CUT -> {
                List<TcpProxy> cut = proxies.get(i - 1);
                cut.forEach(TcpProxy::pause);
                try {
                    Thread.sleep(hold(3, 30, 12));
                } finally {
                    cut.forEach(TcpProxy::resume);
                }
            }
            case QUORUM_LOSS -> {
                List<EtcdFixture.Member> members = new ArrayList<>(etcd.members());
                Collections.shuffle(members, random);
                List<EtcdFixture.Member> stopped = members.subList(0, 2);
                stopped.forEach(etcd::stop);
                try {
                    Thread.sleep(hold(3, 20, 10));
                } finally {
                    for (EtcdFixture.Member member : stopped) {
                        etcd.restart(member);
                    }
                }
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A random hold in milliseconds from {@code from} to {@code to} seconds ({@code quickTo} in a quick run). */
    private long hold(int from, int to, int quickTo) {
        int upper = settings.quick() ? quickTo : to;
        return from * 1000L + random.nextInt((upper - from) * 1000 + 1);
    }

    /**
     * Waits until the cluster is healthy: one leader running as primary and every member streaming from
     * it (as etcd has it), the checker seeing that node and no other out of recovery, every agent's REST API
     * answering (the leader's as primary), and in synchronous
     * mode a synchronous standby attached to it. Throws when that takes longer than the heal timeout.
     */
    private Node heal(long since) throws InterruptedException {
        long deadline = since + settings.healTimeout().toNanos();
        String last = "";
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("not healthy after " + settings.healTimeout().toSeconds() + " s: " + last
                        + "\n" + cluster.logTails(40));
            }
            Node leader;
            try {
                leader = cluster.awaitHealthy(Duration.ofNanos(left));
            } catch (IllegalStateException e) {
                last = e.getMessage();
                continue;
            }
            List<Integer> primaries = checker == null ? List.of(leader.index()) : checker.primariesVisible();
            Map<Integer, String> roles = checker == null ? null : checker.restRoles();
            if (!primaries.equals(List.of(leader.index()))) {
                last = "leader " + leader.name() + " but nodes out of recovery: " + primaries;
            } else if (roles != null && (roles.size() < cluster.nodes().size()
                    || !List.of("primary", "master").contains(roles.get(leader.index())))) {
                // an agent restarted a moment ago may not be up yet: its PostgreSQL still runs as it left it
                last = "leader " + leader.name() + " but the agents' REST roles are " + roles;
            } else if (synchronous && !hasSyncStandby(leader)) {
                last = "leader " + leader.name() + " has no synchronous standby";
            } else {
                return leader;
            }
            Thread.sleep(200);
        }
    }

    private static boolean hasSyncStandby(Node leader) {
        try {
            return Integer.parseInt(query(leader,
                    "SELECT count(*) FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum')")) > 0;
        } catch (SQLException | NumberFormatException e) {
            return false;
        }
    }

    /** Acknowledged rows (the write probe's and the checker's) missing on the leader, not counted before. */
    private long lostWrites(Node leader) throws SQLException {
        List<WriteProbe.Ack> acks = writes.acks();
        Set<Long> probes = checker.acknowledgedIds();
        Set<Long> rows = ids(leader, "SELECT id FROM bench_writes");
        Set<Long> probeRows = ids(leader, "SELECT id FROM chaos_probe");
        long lost = 0;
        for (WriteProbe.Ack ack : acks) {
            if (!rows.contains(ack.id()) && knownLost.add(ack.id())) {
                lost++;
            }
        }
        for (long id : probes) {
            // the two id spaces overlap; keep the checker's apart by sign
            if (!probeRows.contains(id) && knownLost.add(-id)) {
                lost++;
            }
        }
        return lost;
    }

    private int splitBrainSince() {
        int total = SplitBrainAnalysis.slots(SplitBrainAnalysis.find(checker.attempts()));
        int added = total - splitBrainSoFar;
        splitBrainSoFar = total;
        return added;
    }

    /** The longest time without an acknowledged write of the write probe from {@code from} to {@code to}. */
    private long longestGap(long from, long to) {
        List<WriteProbe.Ack> acks = writes.acks();
        long previous = from;
        long longest = 0;
        boolean writtenAfter = false;
        for (WriteProbe.Ack ack : acks) {
            if (ack.at() - from <= 0) {
                previous = ack.at();
                continue;
            }
            longest = Math.max(longest, ack.at() - previous);
            previous = ack.at();
            if (ack.at() - to > 0) {
                writtenAfter = true;
                break;
            }
        }
        if (!writtenAfter) {
            longest = Math.max(longest, to - previous);
        }
        return longest / 1_000_000;
    }

    private static Set<Long> ids(Node node, String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static String query(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void tearDown() {
        if (checker != null) {
            checker.close();
        }
        if (writes != null) {
            writes.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        proxies.forEach(list -> list.forEach(TcpProxy::close));
        if (etcd != null) {
            etcd.close();
        }
    }

    private void log(String line) {
        progress.println(LocalTime.now().withNano(0) + " chaos: " + line);
        progress.flush();
    }
}
