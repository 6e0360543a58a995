package io.pgha.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.KeyValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Captured Patroni keyspaces load into a real etcd exactly as Patroni left them. */
class CaptureLoaderIT {
    private static EtcdFixture etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdFixture.startSingle();
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    @Test
    void healthyClusterLoadsWithNode1HoldingTheLeaderKey() {
        try (Dcs dcs = new EtcdGatewayDcs(etcd.settings())) {
            dcs.deletePrefix("/service/demo/");
            CaptureLoader.Loaded loaded = CaptureLoader.load(dcs, CaptureLoader.capture("healthy"));

            assertEquals("node1", dcs.get("/service/demo/leader").orElseThrow().value());
            List<KeyValue> members = dcs.range("/service/demo/members/").kvs();
            assertEquals(List.of("/service/demo/members/node1", "/service/demo/members/node2", "/service/demo/members/node3"),
                    members.stream().map(KeyValue::key).toList());
            assertEquals(List.of("/service/demo/members/node1"), loaded.sharingLeaseWith("/service/demo/leader"));
            assertEquals(7, loaded.values().size());
            assertEquals(19, loaded.capturedRevision());
            assertEquals("7712239926406301085", dcs.get("/service/demo/initialize").orElseThrow().value());
        }
    }

    @Test
    void everyCaptureLoadsByteIdentically() throws IOException {
        List<Path> captures;
        try (Stream<Path> dirs = Files.list(CaptureLoader.sharedDir().resolve("captures"))) {
            captures = dirs.filter(dir -> Files.isRegularFile(dir.resolve("etcd-get-prefix.json"))).sorted().toList();
        }
        assertTrue(captures.size() >= 9, "captures found: " + captures);
        try (Dcs dcs = new EtcdGatewayDcs(etcd.settings())) {
            for (Path capture : captures) {
                dcs.deletePrefix("/service/demo/");
                CaptureLoader.load(dcs, capture);
                Map<String, byte[]> expected = CaptureLoader.rawValues(capture);
                List<KeyValue> stored = dcs.range("/service/demo/").kvs();

                assertEquals(List.copyOf(expected.keySet()), stored.stream().map(KeyValue::key).toList(), capture.toString());
                for (KeyValue kv : stored) {
                    assertArrayEquals(expected.get(kv.key()), kv.value().getBytes(StandardCharsets.UTF_8), capture + " " + kv.key());
                }
            }
        }
    }
}
