package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.dcs.HistoryEntry;
import io.pgha.dcs.KeyspaceWriter;
import io.pgha.postgres.TimelineHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /history as a newly promoted primary rewrites it (ha-loop.md §8.1, keyspace.md §3.7). */
class HistoryEntriesTest {
    private static final List<TimelineHistory.Entry> FILE = List.of(
            new TimelineHistory.Entry(1, 67393352, "no recovery target specified"),
            new TimelineHistory.Entry(2, 67394160, "no recovery target specified"));

    @Test
    void theNewestSwitchGetsTheFileTimeAndMyNameOlderOnesKeepWhatWasStored() {
        List<HistoryEntry> stored = List.of(new HistoryEntry(1, 67393352, "no recovery target specified",
                "2026-11-25T21:54:55.957541+00:00", "node3"));
        String json = KeyspaceWriter.history(HistoryEntries.build(FILE, stored, "2026-11-25T21:55:26.833542+00:00", "node1", 0));
        assertEquals("[[1,67393352,\"no recovery target specified\",\"2026-11-25T21:54:55.957541+00:00\",\"node3\"],"
                + "[2,67394160,\"no recovery target specified\",\"2026-11-25T21:55:26.833542+00:00\",\"node1\"]]", json);
    }

    @Test
    void withoutAStoredEntryOlderSwitchesHaveNoTimeAsAfterPatronictlRemove() {
        String json = KeyspaceWriter.history(HistoryEntries.build(FILE, null, "2026-11-25T22:02:20.589557+00:00", "new2", 0));
        assertEquals("[[1,67393352,\"no recovery target specified\"],"
                + "[2,67394160,\"no recovery target specified\",\"2026-11-25T22:02:20.589557+00:00\",\"new2\"]]", json);
    }

    @Test
    void maxTimelinesHistoryKeepsTheNewestEntries() {
        assertEquals(1, HistoryEntries.build(FILE, null, "t", "node1", 1).size());
        assertEquals(2, HistoryEntries.build(FILE, null, "t", "node1", 1).get(0).timeline());
    }
}
