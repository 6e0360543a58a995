package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Json;
import io.pgha.dcs.KeyValue;
import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PghaClusterFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * doctor on three pgha agents and a three-member etcd: each bad condition is built for real, doctor
 * reports it with the right severity and exit code, and the state is put back for the next test.
 * The killed leader comes last: it leaves the cluster failing over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorIT {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static EtcdFixture etcd;
    private static PghaClusterFixture cluster;
    private static EtcdGatewayDcs dcs;

    @BeforeAll
    static void start() {
        etcd = EtcdFixture.start(3);
        cluster = PghaClusterFixture.builder("doctorit").etcd(etcd).timing(20, 2, 5).start();
        dcs = new EtcdGatewayDcs(etcd.settings());
        cluster.awaitHealthy(PATIENCE);
    }

    @AfterAll
    static void stop() {
        if (dcs != null) {
            dcs.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    /** doctor with node1's patroni.yml, which carries the superuser's credentials for SQL. */
    private static CliRun doctor(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", cluster.node(1).configFile().toString(), "doctor"));
        all.addAll(List.of(args));
        return CliRun.pgha(all.toArray(String[]::new));
    }

    /** Runs doctor until its answer satisfies {@code wanted}: agents publish what they see once per loop. */
    private static CliRun doctorUntil(Predicate<CliRun> wanted, String... args) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        CliRun run = doctor(args);
        while (!wanted.test(run) && System.nanoTime() < deadline) {
            sleep(1000);
            run = doctor(args);
        }
        return run;
    }

    private static List<Map<?, ?>> findings(CliRun run) {
        Map<?, ?> report = (Map<?, ?>) Json.parse(run.out()).orElseThrow(() -> new AssertionError(run.toString()));
        return ((List<?>) report.get("findings")).stream().<Map<?, ?>>map(f -> (Map<?, ?>) f).toList();
    }

    private static Map<?, ?> finding(CliRun run, String check, String severity) {
        return findings(run).stream().filter(f -> check.equals(f.get("check")) && severity.equals(f.get("severity")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + severity + " " + check + " finding in " + run));
    }

    private static boolean has(CliRun run, String check, String severity) {
        return run.out().startsWith("{") && findings(run).stream()
                .anyMatch(f -> check.equals(f.get("check")) && severity.equals(f.get("severity")));
    }

    @SuppressWarnings("unchecked")
    private static void editConfig(Consumer<Map<String, Object>> edit) {
        String key = "/service/doctorit/config";
        KeyValue current = dcs.get(key).orElseThrow();
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) Json.parse(current.value()).orElseThrow());
        edit.accept(config);
        assertTrue(dcs.compareAndPut(key, Json.write(config), current.modRevision()), "config changed meanwhile");
    }

    private static void sql(PghaClusterFixture.Node node, String... statements) {
        try (Connection connection = node.connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new AssertionError(node.name() + ": " + e.getMessage(), e);
        }
    }

    /** Roughly 25 MB of WAL on the primary. */
    private static void writeWal(PghaClusterFixture.Node leader) {
        sql(leader, "CREATE TABLE IF NOT EXISTS doctor_fill (x text)",
                "INSERT INTO doctor_fill SELECT repeat('x', 1000) FROM generate_series(1, 20000)",
                "SELECT pg_switch_wal()");
    }

    @Test
    @Order(1)
    void aHealthyClusterIsOkAndExitsZero() {
        CliRun run = doctorUntil(r -> r.exitCode() == 0);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Cluster doctorit: OK (0 critical, 0 warning, 0 unknown, "), run.out());
        assertTrue(run.out().contains("3/3 etcd members healthy"), run.out());
        assertTrue(run.out().contains("2 members could take over"), run.out());
        assertTrue(run.out().contains("pg_wal: node1 "), "SQL reached every member with the configuration's superuser:\n" + run.out());
    }

    @Test
    @Order(2)
    void aStoppedEtcdMemberIsAWarningWithQuorumKept() {
        EtcdFixture.Member third = etcd.members().get(2);
        etcd.stop(third);
        try {
            CliRun run = doctor("-f", "json", "--check", "etcd-endpoints", "--check", "etcd-quorum");
            assertEquals(1, run.exitCode(), run.toString());
            Map<?, ?> quorum = finding(run, "etcd-quorum", "warning");
            assertTrue(String.valueOf(quorum.get("summary")).startsWith("2/3 etcd members healthy (quorum 2), down: "), quorum.toString());
            Map<?, ?> endpoint = finding(run, "etcd-endpoints", "warning");
            assertTrue(String.valueOf(endpoint.get("summary")).contains(":" + third.clientPort()), endpoint.toString());
        } finally {
            etcd.restart(third);
            etcd.awaitHealthy(PATIENCE);
        }
        assertEquals(0, doctorUntil(r -> r.exitCode() == 0, "--check", "etcd-quorum").exitCode());
    }

    @Test
    @Order(3)
    void aPausedClusterIsAWarning() {
        editConfig(config -> config.put("pause", true));
        try {
            CliRun run = doctorUntil(r -> r.exitCode() == 1, "-f", "json", "--check", "pause", "--check", "leader");
            assertEquals(1, run.exitCode(), run.toString());
            Map<?, ?> pause = finding(run, "pause", "warning");
            assertEquals("pgha resume doctorit", pause.get("fix"));
            finding(run, "leader", "ok");
        } finally {
            editConfig(config -> config.remove("pause"));
        }
    }

    @Test
    @Order(4)
    void aTtlTooShortForTheRetriesIsAWarning() {
        editConfig(config -> config.put("retry_timeout", 10));
        try {
            CliRun run = doctor("-f", "yaml", "--check", "timing");
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.out().contains("ttl=20 loop_wait=2 retry_timeout=10: ttl < loop_wait + 2*retry_timeout = 22"), run.out());
            assertTrue(run.out().contains("severity: warning"), run.out());
        } finally {
            editConfig(config -> config.put("retry_timeout", 5));
        }
        assertEquals(0, doctor("--check", "timing").exitCode());
    }

    @Test
    @Order(5)
    void anInactiveSlotRetainingWalIsAWarning() throws InterruptedException {
        PghaClusterFixture.Node leader = cluster.awaitHealthy(PATIENCE);
        // agents drop slots nobody asked for; ignore_slots tells them to leave this one alone
        editConfig(config -> config.put("ignore_slots", List.of(Map.of("name", "doctor_kept", "type", "physical"))));
        try {
            // a slot made before the leader's next cycle applied ignore_slots would still be dropped
            Thread.sleep(10_000);
            sql(leader, "SELECT pg_create_physical_replication_slot('doctor_kept', true)");
            writeWal(leader);
            CliRun run = doctorUntil(r -> has(r, "slots", "warning"), "-f", "json", "--check", "slots");
            assertEquals(1, run.exitCode(), run.toString());
            Map<?, ?> slot = finding(run, "slots", "warning");
            assertTrue(String.valueOf(slot.get("summary")).matches("inactive slot doctor_kept on " + leader.name()
                    + " retains \\d+(\\.\\d)? MB"), slot.toString());
            CliRun critical = doctor("-f", "json", "--check", "slots", "--slot-wal-critical", "1MB");
            assertEquals(2, critical.exitCode(), critical.toString());
        } finally {
            sql(leader, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = 'doctor_kept'");
            editConfig(config -> config.remove("ignore_slots"));
        }
    }

    @Test
    @Order(6)
    void aReplicaThatStopsReceivingLagsAndIsAWarning() throws Exception {
        PghaClusterFixture.Node leader = cluster.awaitHealthy(PATIENCE);
        PghaClusterFixture.Node replica = cluster.nodes().stream().filter(n -> n != leader).findFirst().orElseThrow();
        long receiver = walReceiver(replica);
        signal("STOP", receiver);
        try {
            writeWal(leader);
            // the other replica may lag for a moment after the burst of WAL; wait until it has caught up
            CliRun run = doctorUntil(r -> has(r, "replication", "warning") && has(r, "failover-readiness", "ok"),
                    "-f", "json", "--check", "replication",
                    "--check", "failover-readiness", "--lag-warning", "4MB");
            assertEquals(1, run.exitCode(), run.toString());
            Map<?, ?> lag = finding(run, "replication", "warning");
            assertTrue(String.valueOf(lag.get("summary")).startsWith(replica.name() + " lag "), lag.toString());
            assertTrue(String.valueOf(lag.get("summary")).contains("not a failover candidate"), lag.toString());
            Map<?, ?> readiness = finding(run, "failover-readiness", "ok");
            assertTrue(String.valueOf(readiness.get("summary")).startsWith("1 member could take over"), readiness.toString());
        } finally {
            signal("CONT", receiver);
        }
        cluster.awaitHealthy(PATIENCE);
        assertEquals(0, doctorUntil(r -> r.exitCode() == 0, "--check", "replication").exitCode());
    }

    @Test
    @Order(7)
    void aKilledLeaderIsCriticalBeforeTheFailoverCompletes() {
        PghaClusterFixture.Node leader = cluster.awaitHealthy(PATIENCE);
        cluster.kill9(leader.index());
        CliRun run = doctor("-f", "json");
        assertEquals(2, run.exitCode(), run.toString());
        List<Map<?, ?>> all = findings(run);
        Map<?, ?> critical = all.stream().filter(f -> "leader".equals(f.get("check"))).findFirst().orElseThrow();
        assertEquals("critical", critical.get("severity"), run.toString());
        String summary = String.valueOf(critical.get("summary"));
        // the leader key outlives the agent until its ttl ends; a fast failover may already have removed it
        assertTrue(summary.startsWith("leader " + leader.name() + " does not answer its REST API")
                || summary.startsWith("no member holds the leader key"), summary);
    }

    private static long walReceiver(PghaClusterFixture.Node node) throws IOException {
        long postmaster = node.postmasterPid().orElseThrow();
        for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
            Path cmdline = Path.of("/proc", String.valueOf(child.pid()), "cmdline");
            if (Files.exists(cmdline) && Files.readString(cmdline).contains("walreceiver")) {
                return child.pid();
            }
        }
        throw new AssertionError("no walreceiver under " + node.name() + "'s postmaster " + postmaster);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
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
