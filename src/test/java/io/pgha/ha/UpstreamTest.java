package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** NODE-TO-FOLLOW and the clone source (ha-loop.md §10.1, §14.1). */
class UpstreamTest {
    @Test
    void leaderNamingAVanishedMemberIsStillFollowedWithoutConnUrl() {
        Cluster cluster = cluster().leader("ghost").members(replica("node2", 1)).build();

        assertEquals(Optional.of(new Upstream("ghost", null)), Upstream.select(cluster, HaSettings.of("node2")));
    }

    @Test
    void theLeaderNeverFollowsItself() {
        Cluster cluster = cluster().leader("node1").members(primary("node1", 1)).build();

        assertEquals(Optional.empty(), Upstream.select(cluster, HaSettings.of("node1")));
    }

    @Test
    void severalClonefromReplicasAreSpreadOverByNodeName() {
        Cluster cluster = cluster().leader("node1").members(primary("node1", 1),
                replica("node2", 1, Map.of("clonefrom", true)), replica("node3", 1, Map.of("clonefrom", true))).build();
        Set<String> chosen = new HashSet<>();
        for (String me : new String[] {"a", "b", "c", "d", "e", "f"}) {
            Member source = Upstream.cloneSource(cluster, me).orElseThrow();
            assertEquals(source, Upstream.cloneSource(cluster, me).orElseThrow(), "repeatable for one node");
            chosen.add(source.name());
        }
        assertEquals(Set.of("node2", "node3"), chosen);
    }

    @Test
    void withoutLeaderOrTaggedReplicaThereIsNoCloneSource() {
        assertTrue(Upstream.cloneSource(cluster().members(replica("node2", 1)).build(), "node3").isEmpty());
    }
}
