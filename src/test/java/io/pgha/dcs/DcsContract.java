package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.EtcdFixture;
import io.pgha.testing.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * What every {@link Dcs} transport must do against a real single-member etcd, so the CLI (gateway) and the
 * agent (gRPC) see and change Patroni's keyspace identically. Each test works under its own key prefix.
 */
abstract class DcsContract {
    static EtcdFixture etcd;

    Dcs dcs;
    String base;

    /** The transport under test. */
    abstract Dcs open(EtcdSettings settings);

    /** The other transport, to check both read the same fields. */
    abstract Dcs openOther(EtcdSettings settings);

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdFixture.startSingle();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void openDcs(TestInfo test) {
        dcs = open(etcd.settings());
        base = "/service/" + test.getTestMethod().orElseThrow().getName() + "/";
    }

    @AfterEach
    void closeDcs() {
        dcs.close();
    }

    @Test
    void putThenGetReturnsTheValueAndItsRevisions() {
        long first = dcs.put(base + "config", "{\"ttl\":30}", 0);
        KeyValue written = dcs.get(base + "config").orElseThrow();
        assertEquals(new KeyValue(base + "config", "{\"ttl\":30}", first, first, 0), written);

        long second = dcs.put(base + "config", "{\"ttl\":20}", 0);
        KeyValue rewritten = dcs.get(base + "config").orElseThrow();
        assertTrue(second > first, "mod_revision grows: " + first + " then " + second);
        assertEquals(new KeyValue(base + "config", "{\"ttl\":20}", first, second, 0), rewritten);
    }

    @Test
    void missingKeyReadsAsEmpty() {
        assertEquals(Optional.empty(), dcs.get(base + "leader"));
        assertEquals(List.of(), dcs.range(base).kvs());
    }

    @Test
    void emptyValueReadsAsEmptyString() {
        dcs.put(base + "initialize", "", 0);
        assertEquals("", dcs.get(base + "initialize").orElseThrow().value());
    }

    @Test
    void rangeListsKeysInKeyOrderAtTheStoreRevision() {
        dcs.put(base + "members/node3", "c", 0);
        dcs.put(base + "leader", "node1", 0);
        long last = dcs.put(base + "members/node1", "a", 0);

        RangeResult result = dcs.range(base);

        assertEquals(List.of(base + "leader", base + "members/node1", base + "members/node3"),
                result.kvs().stream().map(KeyValue::key).toList());
        assertTrue(result.revision() >= last, "read revision " + result.revision() + " >= last write " + last);
        assertEquals(last, result.kvs().get(1).modRevision());
    }

    @Test
    void prefixRangeDoesNotLeakIntoSiblingPrefixes() {
        String cluster = base + "demo/";
        dcs.put(cluster + "leader", "node1", 0);
        dcs.put(base + "demo2/leader", "other", 0);
        dcs.put(base + "demo0", "range end itself", 0);
        dcs.put(base + "demo", "parent key", 0);

        assertEquals(List.of(cluster + "leader"), dcs.range(cluster).kvs().stream().map(KeyValue::key).toList());
        assertEquals(1, dcs.deletePrefix(cluster));
        assertEquals(3, dcs.range(base).kvs().size(), "siblings survive the prefix delete");
    }

    @Test
    void onlyOneOfManyRacersCreatesTheLeaderKey() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        List<Dcs> clients = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Dcs client = open(etcd.settings());
                clients.add(client);
                String name = "node" + i;
                Callable<Boolean> race = () -> {
                    start.await();
                    return client.putIfAbsent(base + "leader", name, 0);
                };
                results.add(pool.submit(race));
            }
            start.countDown();
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                if (results.get(i).get()) {
                    winners.add(i);
                }
            }
            assertEquals(1, winners.size(), "winners: " + winners);
            assertEquals("node" + winners.get(0), dcs.get(base + "leader").orElseThrow().value());
            assertFalse(dcs.putIfAbsent(base + "leader", "late", 0), "a later racer loses too");
        } finally {
            pool.shutdownNow();
            clients.forEach(Dcs::close);
        }
    }

    @Test
    void compareAndPutWinsOnTheCurrentRevisionAndLosesOnAStaleOne() {
        dcs.put(base + "config", "v1", 0);
        long read = dcs.get(base + "config").orElseThrow().modRevision();

        assertTrue(dcs.compareAndPut(base + "config", "v2", read));
        assertFalse(dcs.compareAndPut(base + "config", "v3", read), "stale mod_revision must lose");

        KeyValue now = dcs.get(base + "config").orElseThrow();
        assertEquals("v2", now.value());
        assertTrue(now.modRevision() > read);
        assertFalse(dcs.compareAndPut(base + "failover", "{}", 1), "an absent key has no revision to match");
    }

    @Test
    void compareValueAndPutReattachesCreatesOrRefuses() {
        try (EtcdGrpcDcs leases = new EtcdGrpcDcs(etcd.settings())) {
            long oldLease = leases.grantLease(60);
            long newLease = leases.grantLease(60);
            String leader = base + "leader";

            assertTrue(dcs.compareValueAndPut(leader, "node1", "node1", newLease), "absent key is created");
            assertEquals(newLease, dcs.get(leader).orElseThrow().lease());

            dcs.put(leader, "node1", oldLease);
            assertTrue(dcs.compareValueAndPut(leader, "node1", "node1", newLease), "matching value is re-attached");
            assertEquals(newLease, dcs.get(leader).orElseThrow().lease());

            dcs.put(leader, "node2", oldLease);
            assertFalse(dcs.compareValueAndPut(leader, "node1", "node1", newLease), "another holder is left alone");
            KeyValue after = dcs.get(leader).orElseThrow();
            assertEquals("node2", after.value());
            assertEquals(oldLease, after.lease());
        }
    }

    @Test
    void compareValueAndDeleteReleasesOnlyOurOwnLeaderKey() {
        dcs.put(base + "leader", "node2", 0);
        assertFalse(dcs.compareValueAndDelete(base + "leader", "node1"));
        assertEquals("node2", dcs.get(base + "leader").orElseThrow().value());

        assertTrue(dcs.compareValueAndDelete(base + "leader", "node2"));
        assertEquals(Optional.empty(), dcs.get(base + "leader"));
        assertFalse(dcs.compareValueAndDelete(base + "leader", "node2"), "nothing left to release");
    }

    @Test
    void compareAndDeleteNeedsTheCurrentRevision() {
        long first = dcs.put(base + "sync", "{\"leader\":\"node1\"}", 0);
        dcs.put(base + "sync", "{\"leader\":\"node2\"}", 0);
        long current = dcs.get(base + "sync").orElseThrow().modRevision();

        assertFalse(dcs.compareAndDelete(base + "sync", first));
        assertTrue(dcs.get(base + "sync").isPresent());
        assertTrue(dcs.compareAndDelete(base + "sync", current));
        assertEquals(Optional.empty(), dcs.get(base + "sync"));
    }

    @Test
    void deletesCountWhatTheyRemoved() {
        dcs.put(base + "initialize", "123", 0);
        dcs.put(base + "members/node1", "{}", 0);
        dcs.put(base + "members/node2", "{}", 0);

        assertEquals(1, dcs.delete(base + "initialize"));
        assertEquals(0, dcs.delete(base + "initialize"));
        assertEquals(2, dcs.deletePrefix(base));
        assertEquals(0, dcs.deletePrefix(base));
    }

    @Test
    void nonAsciiTextRoundTripsAsUtf8() {
        String key = base + "members/nœud-東京";
        String value = "{\"tags\":{\"dc\":\"Zürich — 東京 🐘\"}}";
        dcs.put(key, value, 0);
        assertEquals(value, dcs.get(key).orElseThrow().value());
        assertEquals(key, dcs.range(base).kvs().get(0).key());
        try (Dcs other = openOther(etcd.settings())) {
            assertEquals(value, other.get(key).orElseThrow().value());
        }
    }

    @Test
    void garbageValueRoundTripsUnchanged() {
        String garbage = "\u0000\u0001\u0002{\"not json\"\n\t\u007f\\\u00ff\ufffe]=+/";
        dcs.put(base + "status", garbage, 0);
        assertEquals(garbage, dcs.get(base + "status").orElseThrow().value());
        try (Dcs other = openOther(etcd.settings())) {
            assertEquals(garbage, other.range(base).kvs().get(0).value());
        }
    }

    @Test
    void bothTransportsSeeIdenticalKeyFieldsIncludingTheLease() {
        try (EtcdGrpcDcs leases = new EtcdGrpcDcs(etcd.settings()); Dcs other = openOther(etcd.settings())) {
            long lease = leases.grantLease(60);
            dcs.put(base + "members/node1", "{\"role\":\"primary\"}", lease);
            assertTrue(dcs.putIfAbsent(base + "leader", "node1", lease));

            RangeResult mine = dcs.range(base);
            RangeResult theirs = other.range(base);

            assertEquals(mine.kvs(), theirs.kvs());
            assertEquals(lease, theirs.kvs().get(0).lease());
            assertNotEquals(0, theirs.kvs().get(0).createRevision());
            assertEquals(mine.kvs().get(1), other.get(base + "members/node1").orElseThrow());
        }
    }

    @Test
    void putWithAnUnknownLeaseFailsWithEtcdsMessage() {
        long unknown;
        try (EtcdGrpcDcs leases = new EtcdGrpcDcs(etcd.settings())) {
            unknown = leases.grantLease(60) + 1; // ids are handed out in sequence: the next one does not exist yet
        }
        DcsException error = assertThrows(DcsException.class, () -> dcs.put(base + "leader", "node1", unknown));
        assertTrue(error.getMessage().contains("requested lease not found"), error.getMessage());
        assertTrue(error.getMessage().contains(etcd.endpoint().toString()), error.getMessage());
        assertEquals(Optional.empty(), dcs.get(base + "leader"));
    }

    @Test
    void aDeadFirstEndpointIsSkipped() {
        URI dead = URI.create("http://127.0.0.1:" + FreePorts.next());
        EtcdSettings settings = EtcdSettings.of(List.of(dead, etcd.endpoint()), Duration.ofSeconds(6));
        try (Dcs twoEndpoints = open(settings)) {
            twoEndpoints.put(base + "leader", "node1", 0);
            assertEquals("node1", twoEndpoints.get(base + "leader").orElseThrow().value());
        }
    }

    @Test
    void unreachableEtcdFailsWithinTheTimeoutNamingTheEndpoint() {
        URI nothing = URI.create("http://127.0.0.1:" + FreePorts.next());
        Duration timeout = Duration.ofSeconds(2);
        try (Dcs unreachable = open(EtcdSettings.of(List.of(nothing), timeout))) {
            long started = System.nanoTime();
            DcsException error = assertThrows(DcsException.class, () -> unreachable.range("/service/demo/"));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(took.compareTo(timeout.plusSeconds(2)) < 0, "took " + took);
            assertTrue(error.getMessage().startsWith("etcd unreachable at " + nothing), error.getMessage());
            assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
        }
    }
}
