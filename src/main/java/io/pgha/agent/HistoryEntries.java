package io.pgha.agent;

import io.pgha.dcs.HistoryEntry;
import io.pgha.postgres.TimelineHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code /history} value a primary on a timeline above 1 writes (ha-loop.md §8.1): one entry per line
 * of its timeline history file; the newest gets the file's time and my name, older ones keep the time
 * and leader already stored for the same switch.
 */
final class HistoryEntries {
    private HistoryEntries() {
    }

    /**
     * @param file       the lines of {@code <timeline>.history}
     * @param stored     the current {@code /history} (null or empty when absent)
     * @param fileTime   the history file's modification time, ISO-8601 with offset
     * @param maxEntries {@code max_timelines_history}; 0 keeps all
     */
    static List<HistoryEntry> build(List<TimelineHistory.Entry> file, List<HistoryEntry> stored, String fileTime,
                                    String me, int maxEntries) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (int i = 0; i < file.size(); i++) {
            TimelineHistory.Entry line = file.get(i);
            if (i == file.size() - 1) {
                entries.add(new HistoryEntry(line.parentTimeline(), line.switchLsn(), line.reason(), fileTime, me));
                continue;
            }
            HistoryEntry known = stored == null ? null : stored.stream()
                    .filter(e -> e.timeline() == line.parentTimeline() && e.lsn() == line.switchLsn())
                    .findFirst().orElse(null);
            entries.add(known != null && known.timestamp() != null
                    ? new HistoryEntry(line.parentTimeline(), line.switchLsn(), line.reason(), known.timestamp(), known.newLeader())
                    : new HistoryEntry(line.parentTimeline(), line.switchLsn(), line.reason(), null, null));
        }
        if (maxEntries > 0 && entries.size() > maxEntries) {
            return List.copyOf(entries.subList(entries.size() - maxEntries, entries.size()));
        }
        return entries;
    }
}
