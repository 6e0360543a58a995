package io.pgha.ha;

import static io.pgha.ha.Fixtures.NOW;
import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningPrimary;
import static io.pgha.ha.Fixtures.runningReplica;
import static io.pgha.ha.Fixtures.upstream;
import static io.pgha.ha.World.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failsafe mode (ha-loop.md §7.2, §5.1, §5.7). */
class FailsafeTest {
    private static final HaSettings NODE1_FAILSAFE = HaSettings.of("node1").withDynamicConfig(
            new DynamicConfig(Map.of("ttl", 20, "loop_wait", 2, "retry_timeout", 5, "failsafe_mode", true), 1, true));

    private static Cluster withFailsafe(Cluster view, Map<String, String> failsafe) {
        return new Cluster(view.keyspace(), view.initialize(), view.config(), view.leader(), view.members(),
                view.failover(), view.sync(), view.history(), view.status(), failsafe, view.problems(), view.revision());
    }

    @Test
    void primaryKeepsRunningWhenEveryMemberConfirms() {
        HaInput in = HaInput.dcsUnreachable(NODE1_FAILSAFE, "etcd: connection refused", runningPrimary(2000).build(), NOW);

        World.Run run = world().failsafe(true).run(in);

        assertTrue(run.asked(Action.ConfirmFailsafe.class));
        assertFalse(run.does(Action.Demote.class));
        assertEquals("continue to run as a leader because failsafe mode is enabled and all members are accessible",
                run.message());
    }

    @Test
    void primaryDemotesOfflineWhenAMemberDoesNotConfirm() {
        HaInput in = HaInput.dcsUnreachable(NODE1_FAILSAFE, "etcd: connection refused", runningPrimary(2000).build(), NOW);

        World.Run run = world().failsafe(false).run(in);

        assertEquals(Action.Demote.of(Action.DemoteMode.OFFLINE), run.the(Action.Demote.class));
    }

    @Test
    void withoutFailsafeModeNobodyIsAsked() {
        HaInput in = HaInput.dcsUnreachable(HaSettings.of("node1"), "etcd: connection refused",
                runningPrimary(2000).build(), NOW);

        World.Run run = world().failsafe(true).run(in);

        assertFalse(run.asked(Action.ConfirmFailsafe.class));
        assertTrue(run.does(Action.Demote.class));
    }

    @Test
    void replicasAreNotAskedToConfirmAnything() {
        HaInput in = HaInput.dcsUnreachable(NODE1_FAILSAFE.withDynamicConfig(NODE1_FAILSAFE.dynamicConfig()),
                "etcd: timeout", runningReplica(2000).build(), NOW);

        World.Run run = world().run(in);

        assertTrue(run.probes().isEmpty());
        assertEquals("DCS is not accessible", run.message());
    }

    @Test
    void leaderWritesTheFailsafeTopologyOnlyWhenItChanged() {
        Cluster view = cluster().config("failsafe_mode", true).leader("node1")
                .members(primary("node1", 2000), replica("node2", 2000)).build();
        Map<String, String> topology = Map.of("node1", "http://node1:8008/patroni", "node2", "http://node2:8008/patroni");

        World.Run first = world().run(input("node1", view, runningPrimary(2000).build()));
        World.Run again = world().run(input("node1", withFailsafe(view, topology), runningPrimary(2000).build()));

        assertEquals(new Action.WriteFailsafe(topology), first.the(Action.WriteFailsafe.class));
        assertFalse(again.does(Action.WriteFailsafe.class));
    }

    @Test
    void noFailsafeKeyIsWrittenWithFailsafeModeOff() {
        Cluster view = cluster().leader("node1").members(primary("node1", 2000), replica("node2", 2000)).build();

        World.Run run = world().run(input("node1", view, runningPrimary(2000).build()));

        assertFalse(run.does(Action.WriteFailsafe.class));
    }

    @Test
    void aNodeMissingFromFailsafeNeverTakesTheLock() {
        Cluster unlocked = withFailsafe(cluster().config("failsafe_mode", true)
                .members(replica("node2", 3000), replica("node3", 2000)).build(), Map.of("node1", "http://node1:8008"));

        World.Run run = world().run(input("node2", unlocked, runningReplica(3000).build()));

        assertFalse(run.asked(Action.AcquireLeaderLock.class));
    }

    @Test
    void replicaFollowsTheInjectedLeaderInsteadOfRacing() {
        Cluster unlocked = cluster().config("failsafe_mode", true).config("ttl", 20)
                .members(replica("node2", 2000), replica("node3", 2000)).build();
        Failsafe.InjectedLeader node1 = new Failsafe.InjectedLeader("node1", "postgres://node1:5432/postgres",
                "http://node1:8008/patroni", NOW.minusSeconds(5));

        Cluster view = Failsafe.inject(unlocked, node1, NOW);
        World.Run run = world().run(input("node2", view, runningReplica(2000).upstream(upstream("node1")).build()));

        assertEquals("node1", view.leader().name());
        assertFalse(run.asked(Action.AcquireLeaderLock.class));
        assertEquals("no action. I am (node2), a secondary, and following a leader (node1)", run.message());
    }

    @Test
    void anInjectedLeaderExpiresAfterTtlAndNeedsFailsafeMode() {
        Cluster unlocked = cluster().config("failsafe_mode", true).config("ttl", 20)
                .members(replica("node2", 2000)).build();
        Cluster off = cluster().config("ttl", 20).members(replica("node2", 2000)).build();
        Failsafe.InjectedLeader stale = new Failsafe.InjectedLeader("node1", null, null, NOW.minusSeconds(21));
        Failsafe.InjectedLeader fresh = new Failsafe.InjectedLeader("node1", null, null, NOW.minusSeconds(1));

        assertSame(unlocked, Failsafe.inject(unlocked, stale, NOW));
        assertSame(off, Failsafe.inject(off, fresh, NOW));
        assertEquals(List.of("node2", "node1"),
                Failsafe.inject(unlocked, fresh, NOW).members().stream().map(m -> m.name()).toList());
    }
}
