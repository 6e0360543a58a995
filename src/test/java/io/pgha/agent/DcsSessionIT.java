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
        // the client's first request connects and loads its classes, which on a busy machine can take
        // longer than the sessions' 3 s retry_timeout: that is not what these tests are about
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                dcs.range("/service/");
                return;
            } catch (io.pgha.dcs.DcsException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
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
        assertFalse(session(keyspace, "node2", 20).releaseLeader(null));
        assertTrue(dcs.get(keyspace.leader()).isPresent());
        assertTrue(node1.releaseLeader(null));
        assertTrue(dcs.get(keyspace.leader()).isEmpty());
    }

    @Test
    void releasingWithTheShutdownCheckpointLeavesItInStatusButOnlyForTheHolder() {
        Keyspace keyspace = fresh();
        DcsSession node1 = session(keyspace, "node1", 20);
        assertEquals(LockResult.SUCCEEDED, node1.acquireLeader());
        assertFalse(session(keyspace, "node2", 20).releaseLeader(0x3000028L));
        assertTrue(dcs.get(keyspace.status()).isEmpty(), "a member without the key writes no /status");
        assertTrue(node1.releaseLeader(0x5000028L));
        assertTrue(dcs.get(keyspace.leader()).isEmpty());
        assertTrue(dcs.get(keyspace.status()).orElseThrow().value().contains("83886120"),
                dcs.get(keyspace.status()).orElseThrow().value());
    }

    @Test
    void theLeaderKeyOfAnAgentThatStoppedRenewingOutlivesItByTtlThenGoesWithItsMemberKey() throws Exception {
        Keyspace keyspace = fresh();
        DcsSession dead = session(keyspace, "node1", 6);
        long renewed = System.nanoTime();
        assertEquals(LockResult.SUCCEEDED, dead.acquireLeader());
        dead.publishMember("{\"state\":\"running\"}");
        Thread.sleep(3000);
        assertTrue(dcs.get(keyspace.leader()).isPresent(), "the key lives for ttl after the last renewal");
        while (dcs.get(keyspace.leader()).isPresent()) {
            assertTrue(System.nanoTime() - renewed < Duration.ofSeconds(30).toNanos(), "the leader key never expired");
            Thread.sleep(200);
        }
        assertTrue(dcs.get(keyspace.member("node1")).isEmpty(), "the member key shares the lease");
    }

    @Test
    void aMembersLeaseIsKeptAliveOnlyWhenDueAndStillCarriesItsMemberKey() throws Exception {
        Keyspace keyspace = fresh();
        DcsSession replica = new DcsSession(dcs, keyspace, "node2", 6, Duration.ofSeconds(2));
        assertTrue(replica.publishMember("{\"state\":\"running\"}"));
        long lease = replica.lease();
        java.time.Instant firstDue = replica.leaseRefreshDue();
        assertTrue(firstDue.isAfter(java.time.Instant.now()), "the next keep-alive is ttl − retry_timeout away");
        assertFalse(replica.publishMember("{\"state\":\"running\"}"));
        assertEquals(firstDue, replica.leaseRefreshDue(), "publishing an unchanged member sends no keep-alive");
        int refreshes = 0;
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < end) {
            if (!java.time.Instant.now().isBefore(replica.leaseRefreshDue())) {
                replica.refreshLease();
                refreshes++;
            }
            replica.publishMember("{\"state\":\"running\"}");
            assertTrue(dcs.get(keyspace.member("node2")).isPresent(), "the member key stays");
            Thread.sleep(250);
        }
        assertEquals(lease, replica.lease(), "the same lease all along");
        assertEquals(lease, dcs.get(keyspace.member("node2")).orElseThrow().lease());
        assertTrue(refreshes >= 2 && refreshes < 15, "kept alive when due, not at every cycle: " + refreshes);
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

            node1.releaseLeader(null);
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
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (cache.view(Duration.ofSeconds(30)).config().number("ttl", 0) != 20) {
                assertTrue(System.nanoTime() < deadline, "the config never showed up");
            }
        }
    }
}
