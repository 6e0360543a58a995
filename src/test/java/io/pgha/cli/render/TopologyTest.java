package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static List<String> names(Fixture fixture) {
        return Topology.order(ClusterOverview.of(fixture.parse(), Surface.PATRONI_3_0).members()).stream()
                .map(Topology.Placed::displayName).toList();
    }

    @Test
    void replicasHangUnderTheMemberTheyReplicateFrom() {
        assertEquals(List.of("+ node2", "  + node3"), names(Fixture.jrefTagged().without("sync")).subList(1, 3));
    }

    @Test
    void chainsNestSelfReferencesAndUnknownSourcesHangUnderTheLeaderAndCyclesAreLeftOut() {
        // as patronictl prints it: x and y name each other, nobody reaches them
        assertEquals(List.of("l", "+ c", "  + b", "    + a", "+ d", "+ e", "+ f"), names(Fixture.cascade()));
    }

    @Test
    void withoutLeaderEveryTreeStartsAtTheFirstLevel() {
        // the old leader is now a replica, so e (replicatefrom l) hangs under it
        assertEquals(List.of("+ c", "  + b", "    + a", "+ d", "+ f", "+ l", "  + e"),
                names(Fixture.cascade().without("leader")));
    }

    @Test
    void topologyTableOfTheCascade() {
        assertEquals("""
                + Cluster: cascade --------+---------+----+-----------+-------------------------+
                | Member  | Host | Role    | State   | TL | Lag in MB | Tags                    |
                +---------+------+---------+---------+----+-----------+-------------------------+
                | l       | h1   | Leader  | running |  1 |           |                         |
                | + c     | h4   | Replica | running |  1 |         0 |                         |
                |   + b   | h3   | Replica | running |  1 |         0 | {replicatefrom: c}      |
                |     + a | h2   | Replica | running |  1 |         0 | {replicatefrom: b}      |
                | + d     | h5   | Replica | running |  1 |         0 | {replicatefrom: d}      |
                | + e     | h6   | Replica | running |  1 |         0 | {replicatefrom: l}      |
                | + f     | h7   | Replica | running |  1 |         0 | {replicatefrom: nobody} |
                +---------+------+---------+---------+----+-----------+-------------------------+
                """, Fixture.cascade().render(Surface.PATRONI_3_0, OutputFormat.TOPOLOGY, false));
    }
}
