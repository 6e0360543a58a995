package io.pgha.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * A timeline history file ({@code pg_wal/0000000N.history}): for each earlier timeline, where the
 * next one branched off. Used to decide whether a member diverged (ha-loop.md §12.2) and to build
 * /history (§8.1).
 */
public final class TimelineHistory {
    /** Timeline {@code parentTimeline} ended at {@code switchLsn} (bytes), for {@code reason}. */
    public record Entry(int parentTimeline, long switchLsn, String reason) {
    }

    private TimelineHistory() {
    }

    /** Parses the file's lines {@code <tli>\t<X/Y>\t<reason>}; comments and blank lines are skipped. */
    public static List<Entry> parse(String content) {
        List<Entry> entries = new ArrayList<>();
        for (String line : content.lines().toList()) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] fields = trimmed.split("\\s+", 3);
            if (fields.length < 2) {
                throw new PostgresException("invalid timeline history line: " + trimmed);
            }
            try {
                entries.add(new Entry(Integer.parseInt(fields[0]), Lsn.parse(fields[1]),
                        fields.length > 2 ? fields[2].strip() : ""));
            } catch (IllegalArgumentException e) {
                throw new PostgresException("invalid timeline history line: " + trimmed);
            }
        }
        return entries;
    }
}
