package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.EtcdGrpcDcs;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.KeyValue;
import io.pgha.ha.LockResult;
import io.pgha.testing.EtcdFixture;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The agent's lease, leader transactions and watch-fed view against real etcd (keyspace.md §4, §6, §7). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DcsSessionIT {
    private EtcdFixture etcd;
    private EtcdGrpcDcs dcs;
    private int scopes;

    @BeforeAll
    void startEtcd() {
        etcd = EtcdFixture.startSingle();
        dcs = new EtcdGrpcDcs(etcd.settings());
    }

    @AfterAll
    void stopEtcd() {
        dcs.close();
        etcd.close();
    }

    private Keyspace fresh() {
        return new Keyspace("/service", "session-" + ++scopes);
    }

    private DcsSession session(Keyspace keyspace, String name, int ttl) {
        return new DcsSession(dcs, keyspace, name, ttl, Duration.ofSeconds(3));
    }

    @Test
    void theLeaderRaceHasOneWinnerAndMemberAndLeaderKeyShareTheWinnersLease() {
        Keyspace keyspace = fresh();
        DcsSession node1 = session(keyspace, "node1", 20);
        DcsSession node2 = session(keyspace, "node2", 20);
        assertEquals(LockResult.SUCCEEDED, node1.acquireLeader());
        assertEquals(LockResult.FAILED, node2.acquireLeader());
        assertTrue(node1.publishMember("{\"state\":\"running\"}"));
        KeyValue leader = dcs.get(keyspace.leader()).orElseThrow();
        assertEquals("node1", leader.value());
        assertEquals(leader.lease(), dcs.get(keyspace.member("node1")).orElseThrow().lease());
    }

    @Test
    void theMemberKeyIsWrittenOnlyWhenItChanges() {
        Keyspace keyspace = fresh();
        DcsSession node1 = session(keyspace, "node1", 20);
        assertTrue(node1.publishMember("{\"state\":\"running\"}"));
        long revision = dcs.get(keyspace.member("node1")).orElseThrow().modRevision();
        assertFalse(node1.publishMember("{\"state\":\"running\"}"));
        assertEquals(revision, dcs.get(keyspace.member("node1")).orElseThrow().modRevision());
        assertTrue(node1.publishMember("{\"state\":\"stopped\"}"));
    }

    @Test
    void anAgentRestartedWithANewLeaseReattachesTheLeaderKeyItStillHolds() {
        Keyspace keyspace = fresh();
        DcsSession before = session(keyspace, "node1", 20);
        assertEquals(LockResult.SUCCEEDED, before.acquireLeader());
        DcsSession after = session(keyspace, "node1", 20);
        var view = io.pgha.dcs.ClusterParser.parse(keyspace, dcs.range(keyspace.prefix()));
        assertEquals(LockResult.SUCCEEDED, after.updateLeader(view.leader(), Duration.ofSeconds(3)));
        assertEquals(after.lease(), dcs.get(keyspace.leader()).orElseThrow().lease());
        assertNotEquals(before.lease(), after.lease());
        assertEquals(LockResult.FAILED, session(keyspace, "node2", 20).updateLeader(view.leader(), Duration.ofSeconds(3)),
                "another member cannot take over a held key by 'renewing' it");
    }

    @Test
    void releasingDeletesOnlyMyOwnLeaderKey() {
        Keyspace keyspace = fresh();
        DcsSession node1 = session(keyspace, "node1", 20);
        assertEquals(LockResult.SUCCEEDED, node1.acquireLeader());
        assertFalse(session(keyspace, "node2", 20).releaseLeader());
        assertTrue(dcs.get(keyspace.leader()).isPresent());
        assertTrue(node1.releaseLeader());
        assertTrue(dcs.get(keyspace.leader()).isEmpty());
    }

    @Test
    void theInitializeRaceIsWonOnce() {
        Keyspace keyspace = fresh();
        assertEquals(LockResult.SUCCEEDED, session(keyspace, "node1", 20).takeInitialize());
        assertEquals(LockResult.FAILED, session(keyspace, "node2", 20).takeInitialize());
        assertEquals("", dcs.get(keyspace.initialize()).orElseThrow().value());
    }

    @Test
    void theViewWakesTheLoopWhenTheLeaderKeyIsReleasedOrExpiresButNotForMemberUpdates() throws Exception {
        Keyspace keyspace = fresh();
        Semaphore wakes = new Semaphore(0);
        try (ClusterCache cache = new ClusterCache(dcs, keyspace, "node2", wakes::release)) {
            cache.start();
            assertTrue(cache.view(Duration.ofSeconds(5)).isUnlocked());
            wakes.drainPermits();

            DcsSession node1 = session(keyspace, "node1", 20);
            assertEquals(LockResult.SUCCEEDED, node1.acquireLeader());
            assertTrue(wakes.tryAcquire(5, TimeUnit.SECONDS), "a new leader wakes the loop");
            node1.publishMember("{\"state\":\"running\"}");
            assertFalse(wakes.tryAcquire(500, TimeUnit.MILLISECONDS), "a member update does not");
            Cluster view = cache.view(Duration.ofSeconds(1));
            assertEquals("node1", view.leader().name());
            assertTrue(view.member("node1").isPresent());

            node1.releaseLeader();
            assertTrue(wakes.tryAcquire(5, TimeUnit.SECONDS), "a released key wakes the loop");
            assertTrue(cache.view(Duration.ofSeconds(1)).isUnlocked());

            DcsSession shortLived = new DcsSession(dcs, keyspace, "node3", 2, Duration.ofSeconds(3));
            assertEquals(LockResult.SUCCEEDED, shortLived.acquireLeader());
            assertTrue(wakes.tryAcquire(5, TimeUnit.SECONDS));
            long expiring = System.nanoTime();
            assertTrue(wakes.tryAcquire(15, TimeUnit.SECONDS), "an expired lease wakes the loop");
            assertTrue(System.nanoTime() - expiring < Duration.ofSeconds(10).toNanos());
            assertTrue(cache.view(Duration.ofSeconds(1)).isUnlocked());
        }
    }

    @Test
    void aDroppedViewIsReadAgain() {
        Keyspace keyspace = fresh();
        try (ClusterCache cache = new ClusterCache(dcs, keyspace, "node1", () -> { })) {
            cache.start();
            cache.view(Duration.ofSeconds(5));
            dcs.put(keyspace.config(), "{\"ttl\":20}", 0);
            cache.invalidate();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (cache.view(Duration.ofSeconds(5)).config().number("ttl", 0) != 20) {
                assertTrue(System.nanoTime() < deadline, "the config never showed up");
            }
        }
    }
}
