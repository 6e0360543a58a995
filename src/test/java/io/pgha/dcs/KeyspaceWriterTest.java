package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyspaceWriterTest {
    private static final Keyspace DEMO = new Keyspace("/service", "demo");

    @Test
    void failoverIsWrittenAsPatroniWritesIt() {
        assertEquals("{\"leader\":\"node1\",\"member\":\"node2\",\"scheduled_at\":\"2026-11-25T23:55:00+00:00\"}",
                KeyspaceWriter.failover("node1", "node2", "2026-11-25T23:55:00+00:00"));
        assertEquals("{\"member\":\"node2\"}", KeyspaceWriter.failover(null, "node2", null));
        assertEquals("{}", KeyspaceWriter.failover(null, null, null));
    }

    @Test
    void syncSortsStandbysAndWritesNullWhenThereAreNone() {
        assertEquals("{\"leader\":\"new2\",\"quorum\":1,\"sync_standby\":\"new1,new3\"}",
                KeyspaceWriter.sync("new2", List.of("new3", "new1"), 1));
        assertEquals("{\"leader\":\"node1\",\"sync_standby\":null}", KeyspaceWriter.sync("node1", List.of(), null));
    }

    @Test
    void historyAndStatusRoundTripThroughTheParser() {
        List<HistoryEntry> entries = List.of(
                new HistoryEntry(1, 67393352, "no recovery target specified", null, null),
                new HistoryEntry(2, 67394160, "no recovery target specified", "2026-11-25T21:55:26.833542+00:00", "node1"));
        String history = KeyspaceWriter.history(entries);
        assertEquals("[[1,67393352,\"no recovery target specified\"],"
                + "[2,67394160,\"no recovery target specified\",\"2026-11-25T21:55:26.833542+00:00\",\"node1\"]]", history);
        String status = KeyspaceWriter.status(100664144, Map.of("perm_phys", 83886120L), List.of("new1"));
        assertEquals("{\"optime\":100664144,\"slots\":{\"perm_phys\":83886120},\"retain_slots\":[\"new1\"]}", status);

        Cluster cluster = ClusterParser.parse(DEMO, new RangeResult(1, List.of(
                new KeyValue(DEMO.history(), history, 1, 1, 0),
                new KeyValue(DEMO.status(), status, 1, 1, 0))));
        assertEquals(entries, cluster.history());
        assertEquals(100664144L, cluster.clusterLsn());
        assertEquals(List.of(), cluster.problems());
    }

    @Test
    void nonAsciiIsWrittenAsAsciiEscapes() {
        assertEquals("{\"member\":\"n\\u00F6de\"}", KeyspaceWriter.failover(null, "n\u00f6de", null));
    }
}
