package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.KeyValue;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PghaClusterFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every key of a running three-node pgha cluster garbled by hand, again and again: not JSON, JSON of the
 * wrong type, fields of the wrong type, huge values, binary, deep nesting. The agents keep running and
 * say which key they cannot read; {@code pgha list} and {@code pgha doctor} keep working and say so too;
 * once the keys are sane again the cluster is healthy. Prints the counts.
 */
class DcsGarbageIT {
    private static final List<String> KEYS = List.of("leader", "members/node1", "members/node2", "members/node3",
            "config", "sync", "failover", "history", "status", "initialize", "failsafe", "optime/leader");

    @Test
    void garbageInEveryKeyLeavesAgentsAndCliWorkingAndTheClusterHeals() throws IOException, InterruptedException {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("garbage").timing(20, 2, 5).start()) {
            cluster.awaitHealthy(Duration.ofSeconds(120));
            String prefix = PghaClusterFixture.NAMESPACE + cluster.scope() + "/";
            Map<String, Long> counts = new TreeMap<>();
            try (Dcs dcs = new EtcdGatewayDcs(cluster.etcd().settings())) {
                Map<String, String> sane = new LinkedHashMap<>();
                for (KeyValue kv : dcs.range(prefix).kvs()) {
                    sane.put(kv.key().substring(prefix.length()), kv.value());
                }
                long seed = System.nanoTime();
                System.out.println("DcsGarbageIT seed " + seed);
                Random random = new Random(seed);
                int kinds = Junk.KINDS;
                for (int round = 0; round < kinds; round++) {
                    for (String key : KEYS) {
                        String junk = Junk.value(key, (round + KEYS.indexOf(key)) % kinds, random);
                        dcs.put(prefix + key, junk, 0);
                        counts.merge("keys garbled", 1L, Long::sum);
                    }
                    Thread.sleep(2500); // more than loop_wait: every agent has cycled over it
                    for (PghaClusterFixture.Node node : cluster.nodes()) {
                        assertTrue(node.isRunning(), node.name() + " runs on after round " + round + "\n" + node.logTail(30));
                    }
                    if (round % 6 == 5) {
                        CommandResult list = cluster.pgha("list");
                        count(counts, "pgha list", list);
                        assertEquals(0, list.exitCode(), list.describe());
                        assertTrue(list.stdout().contains("node1") && list.stdout().contains("node3"), list.describe());
                        assertTrue(list.stderr().contains("warning: " + prefix), "list says what it cannot read: " + list.describe());
                        CommandResult doctor = cluster.pgha("doctor");
                        count(counts, "pgha doctor", doctor);
                        assertTrue(doctor.exitCode() >= 1 && doctor.exitCode() <= 3, "doctor finds trouble: " + doctor.describe());
                        assertTrue(doctor.stdout().contains("keys") && doctor.stdout().contains(prefix),
                                "doctor names the unreadable keys: " + doctor.describe());
                        assertNoStackTrace(list);
                        assertNoStackTrace(doctor);
                    }
                }
                // back to sane values: what was there before, and no leftovers the agents did not write
                for (String key : KEYS) {
                    String before = sane.get(key);
                    if (before == null || key.equals("leader") || key.startsWith("members/") || key.equals("optime/leader")
                            || key.equals("status")) {
                        dcs.delete(prefix + key);
                    } else {
                        dcs.put(prefix + key, before, 0);
                    }
                }
            }
            cluster.awaitHealthy(Duration.ofSeconds(180));
            long reported = 0;
            for (PghaClusterFixture.Node node : cluster.nodes()) {
                assertTrue(node.isRunning(), node.name());
                reported += Files.readAllLines(node.log()).stream().filter(l -> l.contains("unreadable value in etcd")).count();
            }
            counts.put("agent log lines naming an unreadable key", reported);
            assertTrue(reported >= KEYS.size(), "the agents say what they cannot read: " + reported);
            CommandResult list = cluster.pgha("list");
            assertEquals(0, list.exitCode(), list.describe());
            assertFalse(list.stderr().contains("warning"), "sane again: " + list.describe());
            System.out.println("DcsGarbageIT: " + counts);
        }
    }

    private static void count(Map<String, Long> counts, String what, CommandResult run) {
        counts.merge(what + " exit " + run.exitCode(), 1L, Long::sum);
    }

    private static void assertNoStackTrace(CommandResult run) {
        assertFalse((run.stdout() + run.stderr()).contains("\tat io.pgha"), "no stack trace: " + run.describe());
    }

    /** Values nobody should write into these keys. */
    private static final class Junk {
        static final int KINDS = 12;

        static String value(String key, int kind, Random random) {
            return switch (kind) {
                case 0 -> "not json {";
                case 1 -> "";
                case 2 -> List.of("[]", "123", "\"text\"", "null", "true", "-1.5e999").get(random.nextInt(6));
                case 3 -> wrongFields(key);
                case 4 -> "x".repeat(300_000 + random.nextInt(1000));
                case 5 -> binary(random);
                case 6 -> "[".repeat(50_000);
                case 7 -> "{\"a\": " + "{\"b\": ".repeat(5_000) + "1" + "}".repeat(5_001);
                case 8 -> "{\"" + "k".repeat(10_000) + "\": [" + "1,".repeat(50_000) + "1]}";
                case 9 -> "\u0000\u0001\ufffd\ud83d\ude00 \\u0000 \"";
                case 10 -> "{\"timeline\": 1e400, \"optime\": -99999999999999999999999, \"xlog_location\": \"0/0\"}";
                default -> "[[\"a\", \"b\"], {\"x\": null}, 7]";
            };
        }

        private static String wrongFields(String key) {
            if (key.startsWith("members/")) {
                return "{\"role\": 5, \"state\": [], \"api_url\": 7, \"conn_url\": {}, \"xlog_location\": \"x\","
                        + " \"timeline\": \"t\", \"tags\": \"x\", \"version\": []}";
            }
            return switch (key) {
                case "config" -> "{\"ttl\": \"abc\", \"loop_wait\": -1, \"retry_timeout\": [], \"postgresql\": 5,"
                        + " \"synchronous_mode\": {\"x\": 1}, \"maximum_lag_on_failover\": \"lots\"}";
                case "failover" -> "{\"leader\": 5, \"member\": [], \"candidate\": {}, \"scheduled_at\": \"garbage\"}";
                case "sync" -> "{\"leader\": [], \"sync_standby\": 5, \"quorum\": \"x\"}";
                case "history" -> "[[1, \"x\"], \"junk\", [null], [\"2\", 5, 6]]";
                case "status" -> "{\"optime\": \"abc\", \"slots\": [1], \"retain_slots\": 5}";
                case "failsafe" -> "{\"node1\": 5, \"node2\": []}";
                default -> "{\"leader\": true}";
            };
        }

        private static String binary(Random random) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                text.append((char) random.nextInt(256));
            }
            return text.toString();
        }
    }
}
