package io.pgha.ha;

import static io.pgha.ha.Fixtures.NOW;
import static io.pgha.ha.World.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.DynamicConfig;
import io.pgha.testing.Captures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decisions on cluster views and REST answers captured from a real Patroni 3.0.2 cluster. */
class CapturedClusterTest {
    private static Cluster captured(String state) {
        return ClusterParser.parse(Fixtures.DEMO, Captures.range(state));
    }

    private static PeerStatus rest(String state, String node) {
        return PeerStatus.fromStatusDocument(node, Captures.text(state, "rest-" + node + "-patroni.body"));
    }

    /** The same view after the leader's lease expired. */
    private static Cluster withoutLeader(Cluster c) {
        return new Cluster(c.keyspace(), c.initialize(), c.config(), null, c.members(), c.failover(), c.sync(),
                c.history(), c.status(), c.failsafe(), c.problems(), c.revision());
    }

    @Test
    void capturedLeaderWritingRoleMasterKeepsItsLock() {
        World.Run run = world().run(Fixtures.input("node1", captured("healthy"), Fixtures.runningPrimary(67108864).build()));

        assertEquals("no action. I am (node1), the leader with the lock", run.message());
        assertEquals(List.of(new Action.UpdateLeaderLock()), run.probes());
    }

    @Test
    void capturedReplicaFollowsTheCapturedLeader() {
        Cluster healthy = captured("healthy");
        LocalState node2 = Fixtures.runningReplica(67108864).upstream(Upstream.of(healthy.member("node1").orElseThrow()))
                .build();
        World.Run run = world().run(Fixtures.input("node2", healthy, node2));

        assertEquals("no action. I am (node2), a secondary, and following a leader (node1)", run.message());
        assertEquals(List.of(new Action.PublishMember()), run.actions());
    }

    @Test
    void whenTheCapturedPrimaryDiesAnEquallyAdvancedReplicaTakesOver() {
        Cluster healthy = captured("healthy");
        HaInput in = HaInput.of(HaSettings.of("node3"), withoutLeader(healthy), healthy,
                Fixtures.runningReplica(67108864).build(), NOW);
        World.Run run = world().peer(rest("healthy", "node2")).run(in);

        assertTrue(run.does(Action.Promote.class), run.message());
        assertEquals("promoted self to leader by acquiring session lock", run.message());
    }

    @Test
    void whenTheCapturedPrimaryIsStillAliveNobodyTakesOver() {
        Cluster healthy = captured("healthy");
        HaInput in = HaInput.of(HaSettings.of("node3"), withoutLeader(healthy), healthy,
                Fixtures.runningReplica(67108864).build(), NOW);
        World.Run run = world().peer(rest("healthy", "node1")).peer(rest("healthy", "node2")).run(in);

        assertFalse(run.asked(Action.AcquireLeaderLock.class), "node1 answers as master: " + run.message());
    }

    @Test
    void killedOldPrimaryComesBackThroughCrashRecoveryAndRewind() {
        Cluster view = captured("after-failover");
        DynamicConfig config = view.config();
        HaSettings node2 = HaSettings.of("node2").withRewind(true, false, false).withDynamicConfig(config);
        LocalState.Builder local = LocalState.builder().dataDirectory(DataDirectory.INITIALIZED).sysid(Fixtures.SYSID)
                .controlState("in production").running(false).state(PostgresState.STOPPED).timeline(2L)
                .rewindCapable(true).role(Role.DEMOTED);

        World.Run first = world().run(Fixtures.input(node2, view, local.build()));
        assertEquals("doing crash recovery in a single user mode", first.message(),
                "pg_rewind needs a clean shutdown first");

        local.crashRecoveryStartedAt(NOW).controlState("shut down");
        World.Run second = world().divergence(Divergence.NEED).run(Fixtures.input(node2, view, local.build()));
        assertEquals(List.of(new Action.CheckDivergence("node3")), second.probes());
        assertEquals(new Action.RewindFrom("node3", false), second.the(Action.RewindFrom.class));
        assertEquals("running pg_rewind from node3", second.message());

        local.rewindState(RewindState.SUCCESS);
        World.Run third = world().run(Fixtures.input(node2, view, local.build()));
        Action.StartPostgres start = third.the(Action.StartPostgres.class);
        assertEquals(Role.REPLICA, start.role());
        assertEquals("node3", start.upstream().name());
        assertEquals("starting as a secondary", third.message());
    }
}
