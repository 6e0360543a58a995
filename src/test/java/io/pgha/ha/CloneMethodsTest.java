package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.freshNode;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.member;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningReplica;
import static io.pgha.ha.Fixtures.upstream;
import static io.pgha.ha.World.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import io.pgha.ha.Action.CloneFrom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which replica creation methods a clone tries, and when a node clones without a leader (ha-loop.md §5.2, §14.1, §21). */
class CloneMethodsTest {
    private static final CloneMethods RESTORE = new CloneMethods(List.of("pgbackrest", "basebackup"), Set.of("pgbackrest"));
    private static final Cluster LEADERLESS = cluster().members(replica("node2", 2000)).build();

    private static Map<String, Object> standbySection(List<String> methods) {
        Map<String, Object> section = new LinkedHashMap<>(Map.of("host", "10.0.0.9", "port", 5433));
        if (methods != null) {
            section.put("create_replica_methods", methods);
        }
        return section;
    }

    @Test
    void cloneFromTheLeaderTriesTheConfiguredMethodsInOrder() {
        Cluster led = cluster().leader("node1").members(primary("node1", 2000)).build();

        World.Run run = world().run(input(HaSettings.of("node3").withCloneMethods(RESTORE), led, freshNode().build()));

        assertEquals(new CloneFrom(upstream("node1"), true, List.of("pgbackrest", "basebackup")), run.the(CloneFrom.class));
        assertEquals("trying to bootstrap from leader 'node1'", run.message());
    }

    @Test
    void withoutLeaderAndWithoutANoLeaderMethodTheNodeWaits() {
        CloneMethods restoreNeedsLeader = new CloneMethods(List.of("pgbackrest", "basebackup"), Set.of());

        World.Run run = world().run(input(HaSettings.of("node3").withCloneMethods(restoreNeedsLeader), LEADERLESS,
                freshNode().build()));

        assertFalse(run.does(CloneFrom.class));
        assertEquals("waiting for leader to bootstrap", run.message());
    }

    @Test
    void basebackupNeverClonesWithoutLeader() {
        CloneMethods basebackup = new CloneMethods(List.of("basebackup"), Set.of("basebackup"));

        World.Run run = world().run(input(HaSettings.of("node3").withCloneMethods(basebackup), LEADERLESS,
                freshNode().build()));

        assertEquals("waiting for leader to bootstrap", run.message());
    }

    @Test
    void aNoLeaderMethodThatIsNotConfiguredDoesNotCount() {
        CloneMethods unused = new CloneMethods(List.of("basebackup"), Set.of("pgbackrest"));

        assertEquals("waiting for leader to bootstrap", world().run(input(HaSettings.of("node3").withCloneMethods(unused),
                LEADERLESS, freshNode().build())).message());
    }

    @Test
    void nodeThatMayNotBootstrapRestoresWithoutLeaderBeforeAnyClusterExists() {
        Cluster nothing = cluster().initialize(null).noConfig().noHistory().build();
        HaSettings me = HaSettings.of("node3").withBootstrap(false).withCloneMethods(RESTORE);

        World.Run run = world().run(input(me, nothing, freshNode().build()));

        assertEquals(new CloneFrom(null, false, List.of("pgbackrest", "basebackup")), run.the(CloneFrom.class));
        assertEquals("trying to bootstrap (without leader)", run.message());
    }

    @Test
    void leaderlessStandbyClusterClonesFromTheRemotePrimaryWithItsOwnMethods() {
        Cluster standby = cluster().config("standby_cluster", standbySection(List.of("pgbackrest")))
                .members(replica("node2", 2000)).build();

        World.Run run = world().run(input(HaSettings.of("node3").withCloneMethods(RESTORE), standby, freshNode().build()));

        CloneFrom clone = run.the(CloneFrom.class);
        assertEquals("postgres://10.0.0.9:5433/postgres", clone.source().connUrl());
        assertEquals(List.of("pgbackrest"), clone.methods());
        assertEquals("trying to bootstrap (without leader)", run.message());
    }

    @Test
    void standbyClusterIgnoresThePostgresqlMethodsWhenNoLeaderIsThere() {
        Cluster standby = cluster().config("standby_cluster", standbySection(null)).members(replica("node2", 2000)).build();

        World.Run run = world().run(input(HaSettings.of("node3").withCloneMethods(RESTORE), standby, freshNode().build()));

        assertFalse(run.does(CloneFrom.class));
        assertEquals("waiting for standby_leader to bootstrap", run.message());
    }

    @Test
    void replicaOfAStandbyLeaderClonesWithTheStandbyClusterMethods() {
        Cluster standby = cluster().config("standby_cluster", standbySection(List.of("pgbackrest", "basebackup")))
                .leader("node1").members(member("node1", "standby_leader", "running", 3000L, 1, Map.of())).build();
        Cluster withoutList = cluster().config("standby_cluster", standbySection(null)).leader("node1")
                .members(member("node1", "standby_leader", "running", 3000L, 1, Map.of())).build();
        HaSettings me = HaSettings.of("node3").withCloneMethods(new CloneMethods(List.of("walg"), Set.of()));

        assertEquals(new CloneFrom(upstream("node1"), true, List.of("pgbackrest", "basebackup")),
                world().run(input(me, standby, freshNode().build())).the(CloneFrom.class));
        assertEquals(List.of("basebackup"), world().run(input(me, withoutList, freshNode().build()))
                .the(CloneFrom.class).methods(), "the standby cluster's default, not postgresql's list");
    }

    @Test
    void newStandbyLeaderIsCreatedWithTheStandbyClusterMethods() {
        Cluster nothing = cluster().initialize(null).noConfig().noHistory().build();
        HaSettings me = HaSettings.of("node1").withCloneMethods(RESTORE).withDynamicConfig(new DynamicConfig(
                Map.of("ttl", 30, "loop_wait", 10, "standby_cluster", standbySection(List.of("pgbackrest"))), 0, true));

        World.Run run = world().run(input(me, nothing, freshNode().build()));

        assertEquals(List.of("pgbackrest"), run.the(Action.BootstrapStandbyLeader.class).methods());
        assertEquals("trying to bootstrap a new standby leader", run.message());
    }

    @Test
    void divergedReplicaIsReinitializedWithTheConfiguredMethods() {
        Cluster led = cluster().leader("node1").members(primary("node1", 3000), replica("node2", 2000)).build();
        HaSettings me = HaSettings.of("node2").withRewind(false, false, true).withCloneMethods(RESTORE);
        LocalState local = runningReplica(2000).upstream(upstream("node1")).rewindState(RewindState.CHECK).build();

        World.Run run = world().divergence(Divergence.NEED).run(input(me, led, local));

        assertEquals(new Action.Reinitialize("node1", List.of("pgbackrest", "basebackup")), run.the(Action.Reinitialize.class));
    }

    @Test
    void reinitializeFromLeaderUsesBasebackupOnly() {
        Cluster led = cluster().leader("node1").members(primary("node1", 3000), replica("node2", 2000)).build();
        HaSettings me = HaSettings.of("node2").withCloneMethods(RESTORE);

        assertEquals(List.of("basebackup"), ReinitializeRules.methods(led, me, true));
        assertEquals(List.of("pgbackrest", "basebackup"), ReinitializeRules.methods(led, me, false));
    }
}
