package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The gRPC transport (agent) against real etcd, with the lease and watch calls only the agent makes. */
class EtcdGrpcDcsIT extends DcsContract {
    @Override
    Dcs open(EtcdSettings settings) {
        return new EtcdGrpcDcs(settings);
    }

    @Override
    Dcs openOther(EtcdSettings settings) {
        return new EtcdGatewayDcs(settings);
    }

    private EtcdGrpcDcs grpc() {
        return (EtcdGrpcDcs) dcs;
    }

    @Test
    void grantedLeaseIsKeptAliveWithItsTtl() {
        long lease = grpc().grantLease(30);
        assertNotEquals(0, lease);

        OptionalLong ttl = grpc().keepAliveOnce(lease);

        assertTrue(ttl.isPresent());
        assertTrue(ttl.getAsLong() > 0 && ttl.getAsLong() <= 30, "ttl " + ttl);
    }

    @Test
    void keysVanishWhenTheirLeaseExpires() throws InterruptedException {
        long lease = grpc().grantLease(2);
        dcs.put(base + "members/node1", "{}", lease);
        assertTrue(dcs.putIfAbsent(base + "leader", "node1", lease));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!dcs.range(base).kvs().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertEquals(List.of(), dcs.range(base).kvs(), "member and leader keys expire with the lease");
        assertEquals(OptionalLong.empty(), grpc().keepAliveOnce(lease), "an expired lease cannot be kept alive");
    }

    @Test
    void watchReportsPutsAndDeletesUnderThePrefix() throws InterruptedException {
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        Watch watch = grpc().watchPrefix(base, 0, listener(seen));
        try {
            Thread.sleep(300); // the watch stream is created asynchronously
            long put = dcs.put(base + "leader", "node1", 0);
            dcs.put("/service/" + "watchSibling/leader", "elsewhere", 0);
            dcs.delete(base + "leader");

            WatchEvent first = (WatchEvent) seen.poll(5, TimeUnit.SECONDS);
            WatchEvent second = (WatchEvent) seen.poll(5, TimeUnit.SECONDS);

            assertEquals(new WatchEvent(WatchEvent.Type.PUT, new KeyValue(base + "leader", "node1", put, put, 0)), first);
            assertEquals(WatchEvent.Type.DELETE, second.type());
            assertEquals(base + "leader", second.kv().key());
            assertTrue(second.kv().modRevision() > put);
            assertEquals(null, seen.poll(300, TimeUnit.MILLISECONDS), "nothing from outside the prefix");
        } finally {
            watch.close();
        }
    }

    @Test
    void watchFromAnEarlierRevisionReplaysWhatHappenedSince() throws InterruptedException {
        long first = dcs.put(base + "config", "v1", 0);
        dcs.put(base + "config", "v2", 0);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        Watch watch = grpc().watchPrefix(base, first, listener(seen));
        try {
            assertEquals("v1", ((WatchEvent) seen.poll(5, TimeUnit.SECONDS)).kv().value());
            assertEquals("v2", ((WatchEvent) seen.poll(5, TimeUnit.SECONDS)).kv().value());
        } finally {
            watch.close();
        }
    }

    @Test
    void watchFromACompactedRevisionEndsWithAnError() throws Exception {
        long old = dcs.put(base + "config", "v1", 0);
        long now = dcs.put(base + "config", "v2", 0);
        compact(now);
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        Watch watch = grpc().watchPrefix(base, old, listener(seen));
        try {
            Object first = seen.poll(5, TimeUnit.SECONDS);
            assertTrue(first instanceof DcsException, "an error, not events: " + first);
            String message = ((DcsException) first).getMessage();
            assertTrue(message.contains("compacted"), message);
            assertTrue(message.contains(etcd.endpoint().toString()), message);
            assertEquals(null, seen.poll(500, TimeUnit.MILLISECONDS), "the watch has ended");
        } finally {
            watch.close();
        }
    }

    /** Compaction is no Dcs operation (Patroni never compacts); done on the gateway, as an operator would. */
    private static void compact(long revision) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(etcd.endpoint().resolve("/v3/kv/compaction"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"revision\":\"" + revision + "\",\"physical\":true}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static WatchListener listener(BlockingQueue<Object> seen) {
        return new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                seen.add(event);
            }

            @Override
            public void onError(DcsException error) {
                seen.add(error);
            }
        };
    }
}
