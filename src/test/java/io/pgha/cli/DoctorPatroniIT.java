package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Json;
import io.pgha.dcs.KeyValue;
import io.pgha.testing.PatroniClusterFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** doctor on real Patroni 3.0.2 nodes: a healthy cluster exits 0, a paused one 1. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorPatroniIT {
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static PatroniClusterFixture cluster;
    private static EtcdGatewayDcs dcs;

    @BeforeAll
    static void start() {
        cluster = PatroniClusterFixture.builder("doctorpat").nodes(3).timing(20, 2, 5).start();
        cluster.awaitHealthy(PATIENCE);
        dcs = new EtcdGatewayDcs(cluster.etcd().settings());
    }

    @AfterAll
    static void stop() {
        if (dcs != null) {
            dcs.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static CliRun doctor(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "-c";
        full[1] = cluster.configFile(1).toString();
        full[2] = "doctor";
        System.arraycopy(args, 0, full, 3, args.length);
        return CliRun.pgha(full);
    }

    private static CliRun doctorUntil(int exitCode, String... args) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        CliRun run = doctor(args);
        while (run.exitCode() != exitCode && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            run = doctor(args);
        }
        return run;
    }

    @SuppressWarnings("unchecked")
    private static void editConfig(java.util.function.Consumer<Map<String, Object>> edit) {
        String key = "/service/doctorpat/config";
        KeyValue current = dcs.get(key).orElseThrow();
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) Json.parse(current.value()).orElseThrow());
        edit.accept(config);
        assertTrue(dcs.compareAndPut(key, Json.write(config), current.modRevision()), "config changed meanwhile");
    }

    @Test
    @Order(1)
    void aHealthyPatroniClusterIsOkAndExitsZero() {
        CliRun run = doctorUntil(0);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Cluster doctorpat: OK"), run.out());
        assertTrue(run.out().contains("holds the leader key and runs as master"), "Patroni 3 reports role master:\n" + run.out());
        assertTrue(run.out().contains("agent 3.0.2, PostgreSQL 15"), run.out());
        assertTrue(run.out().contains("streaming, lag 0 B"), run.out());
    }

    @Test
    @Order(2)
    void aPausedPatroniClusterIsAWarning() {
        editConfig(config -> config.put("pause", true));
        try {
            CliRun run = doctorUntil(1, "-f", "json");
            assertEquals(1, run.exitCode(), run.toString());
            Map<?, ?> report = (Map<?, ?>) Json.parse(run.out()).orElseThrow();
            List<?> findings = (List<?>) report.get("findings");
            Map<?, ?> pause = findings.stream().map(f -> (Map<?, ?>) f).filter(f -> "pause".equals(f.get("check")))
                    .findFirst().orElseThrow();
            assertEquals("warning", pause.get("severity"), run.toString());
            assertEquals("warning", report.get("status"));
        } finally {
            editConfig(config -> config.remove("pause"));
        }
        assertEquals(0, doctorUntil(0).exitCode());
    }
}
