package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.Captures;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading other members' GET /patroni answers (rest-api.md §4) as the leader race does. */
class PeerStatusTest {
    @Test
    void capturedPrimaryIsNotInRecovery() {
        PeerStatus node1 = PeerStatus.fromStatusDocument("node1", Captures.text("healthy", "rest-node1-patroni.body"));

        assertTrue(node1.reachable());
        assertFalse(node1.inRecovery(), "3.0.2 says role master");
        assertEquals(0, node1.walPosition());
        assertEquals(1, node1.timeline());
    }

    @Test
    void capturedReplicaReportsTheMaximumOfReceivedAndReplayed() {
        PeerStatus node3 = PeerStatus.fromStatusDocument("node3", Captures.text("healthy", "rest-node3-patroni.body"));

        assertTrue(node3.inRecovery());
        assertEquals(67108864L, node3.walPosition());
        assertEquals(Optional.empty(), node3.failoverLimitation());
    }

    @Test
    void replicaTaggedNofailoverCannotTakeOver() {
        PeerStatus tagged = PeerStatus.fromStatusDocument("node3", "{\"role\": \"replica\", \"xlog\": "
                + "{\"received_location\": 10, \"replayed_location\": 20}, \"timeline\": 3, "
                + "\"tags\": {\"nofailover\": true, \"noloadbalance\": true}}");

        assertEquals(20, tagged.walPosition());
        assertEquals(Optional.of("not allowed to promote"), tagged.failoverLimitation());
    }

    @Test
    void documentWithoutXlogCountsAsUnreachable() {
        PeerStatus stopped = PeerStatus.fromStatusDocument("node2",
                "{\"state\": \"stopped\", \"role\": \"uninitialized\", \"cluster_unlocked\": true}");

        assertFalse(stopped.reachable());
        assertEquals(Optional.of("not reachable"), stopped.failoverLimitation());
    }

    @Test
    void garbageCountsAsUnreachable() {
        assertFalse(PeerStatus.fromStatusDocument("node2", "<html>502 Bad Gateway</html>").reachable());
        assertFalse(PeerStatus.fromStatusDocument("node2", "[1,2]").reachable());
    }

    @Test
    void watchdogFailureAndPriorityAreRead() {
        PeerStatus status = PeerStatus.fromStatusDocument("node2", "{\"role\": \"replica\", \"xlog\": "
                + "{\"received_location\": 5}, \"watchdog_failed\": true, \"tags\": {\"failover_priority\": 4}}");

        assertEquals(4, status.failoverPriority());
        assertEquals(Optional.of("not watchdog capable"), status.failoverLimitation());
    }
}
