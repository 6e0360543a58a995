package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.api.ClusterAccess;
import io.pgha.api.NodeClient;
import io.pgha.api.NodeResponse;
import io.pgha.api.NodeState;
import io.pgha.api.RestClientSettings;
import io.pgha.api.RestServer;
import io.pgha.api.RestSettings;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.EtcdGrpcDcs;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import io.pgha.ha.PeerStatus;
import io.pgha.testing.EtcdFixture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The agent's REST writes on real etcd through {@link RestOperations}: a PATCH /config never overwrites an
 * edit that landed between its read and its write, and a cancelled schedule is written compare-and-set.
 */
class RestWritesIT {
    private static final Keyspace KEYSPACE = new Keyspace("/service", "rest-writes");

    @Test
    void aConcurrentConfigEditIsNeverLostAndThePatchGets409ThenMergesOnRetry() throws Exception {
        try (EtcdFixture etcd = EtcdFixture.startSingle();
             EtcdGrpcDcs dcs = new EtcdGrpcDcs(etcd.settings());
             ClusterCache cache = new ClusterCache(dcs, KEYSPACE, "node1", () -> { });
             PeerStatuses peers = new PeerStatuses(new NodeClient(RestClientSettings.plain()))) {
            putPatiently(dcs, KEYSPACE.config(), "{\"ttl\":30,\"loop_wait\":10}");
            cache.start();
            AtomicInteger wakes = new AtomicInteger();
            RestOperations operations = new RestOperations(dcs, KEYSPACE, cache, peers, () -> Duration.ofSeconds(3),
                    wakes::incrementAndGet);
            AtomicInteger interference = new AtomicInteger();
            ClusterAccess racing = new Racing(operations, () -> {
                if (interference.getAndDecrement() > 0) {
                    dcs.put(KEYSPACE.config(), "{\"ttl\":40,\"loop_wait\":10}", 0);
                }
            });
            NodeState state = new NodeState("node1", "rest-writes", "4.1.4", "replica", null, null, null, false, Map.of(),
                    Instant.now(), 30, 0, false, null, false, null);
            try (RestServer server = new RestServer(() -> state, RestSettings.of("127.0.0.1", 0), racing, null, null);
                 NodeClient client = new NodeClient(RestClientSettings.plain().withTimeout(Duration.ofSeconds(30)))) {
                server.start();
                URI config = URI.create("http://127.0.0.1:" + server.address().getPort() + "/config");

                interference.set(1);
                NodeResponse conflict = client.call("PATCH", config, "{\"pause\": true}");
                assertEquals(409, conflict.status(), conflict.body());
                assertEquals("{\"ttl\":40,\"loop_wait\":10}", dcs.get(KEYSPACE.config()).orElseThrow().value(),
                        "the other editor's value stands");

                NodeResponse retried = awaitPatch(client, config, "{\"pause\": true}");
                assertEquals("{\"ttl\": 40, \"loop_wait\": 10, \"pause\": true}", retried.body());
                assertEquals("{\"ttl\":40,\"loop_wait\":10,\"pause\":true}", dcs.get(KEYSPACE.config()).orElseThrow().value());
                assertTrue(wakes.get() >= 1, "the HA loop is woken after a change");

                NodeResponse replaced = client.call("PUT", config, "{\"ttl\": 20, \"loop_wait\": 2}");
                assertEquals(200, replaced.status(), replaced.body());
                assertEquals("{\"ttl\":20,\"loop_wait\":2}", dcs.get(KEYSPACE.config()).orElseThrow().value());

                URI switchover = URI.create("http://127.0.0.1:" + server.address().getPort() + "/switchover");
                dcs.put(KEYSPACE.failover(), "{\"leader\":\"node1\",\"scheduled_at\":\"2099-01-01T00:00:00+00:00\"}", 0);
                awaitFailoverInView(cache);
                NodeResponse deleted = client.call("DELETE", switchover, null);
                assertEquals("scheduled switchover deleted", deleted.body());
                assertEquals("{}", dcs.get(KEYSPACE.failover()).orElseThrow().value());
            }
        }
    }

    /** The first call of a fresh gRPC client can outlast its timeout on a busy machine. */
    private static void putPatiently(EtcdGrpcDcs dcs, String key, String value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                dcs.put(key, value, 0);
                return;
            } catch (io.pgha.dcs.DcsException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static NodeResponse awaitPatch(NodeClient client, URI config, String body) throws InterruptedException {
        // the watch may not have brought the other edit into the view yet: retry as a client would
        NodeResponse response = null;
        for (int i = 0; i < 50; i++) {
            response = client.call("PATCH", config, body);
            if (response.status() != 409) {
                return response;
            }
            Thread.sleep(100);
        }
        return response;
    }

    private static void awaitFailoverInView(ClusterCache cache) throws InterruptedException {
        for (int i = 0; i < 50 && !cache.view(Duration.ofSeconds(3)).failover().isScheduled(); i++) {
            Thread.sleep(100);
        }
    }

    /** The agent's operations with another client's write just before each compare-and-set of /config. */
    private record Racing(ClusterAccess delegate, Runnable beforeCas) implements ClusterAccess {
        @Override
        public Cluster cluster() {
            return delegate.cluster();
        }

        @Override
        public boolean putFailover(String value) {
            return delegate.putFailover(value);
        }

        @Override
        public boolean compareAndPutFailover(String value, long modRevision) {
            return delegate.compareAndPutFailover(value, modRevision);
        }

        @Override
        public boolean compareAndPutConfig(String value, long modRevision) {
            beforeCas.run();
            return delegate.compareAndPutConfig(value, modRevision);
        }

        @Override
        public boolean putConfig(String value) {
            return delegate.putConfig(value);
        }

        @Override
        public List<PeerStatus> statuses(List<Member> members) {
            return delegate.statuses(members);
        }

        @Override
        public void wakeUp() {
            delegate.wakeUp();
        }
    }
}
