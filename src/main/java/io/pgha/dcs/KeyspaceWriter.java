package io.pgha.dcs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values pgha writes, in the exact form Patroni writes them (keyspace.md §3, §9): compact JSON,
 * fields in Patroni's order, optional fields omitted.
 */
public final class KeyspaceWriter {
    private KeyspaceWriter() {
    }

    /** {@code failover}: {"leader":..,"member":..,"scheduled_at":..}; {@code {}} clears it (§9.4). */
    public static String failover(String leader, String candidate, String scheduledAt) {
        Map<String, Object> value = new LinkedHashMap<>();
        putIfNotEmpty(value, "leader", leader);
        putIfNotEmpty(value, "member", candidate);
        putIfNotEmpty(value, "scheduled_at", scheduledAt);
        return Json.write(value);
    }

    /** {@code sync}: standbys joined by "," in sorted order, or null; quorum only when given. */
    public static String sync(String leader, List<String> standbys, Integer quorum) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("leader", leader);
        if (quorum != null) {
            value.put("quorum", quorum);
        }
        List<String> sorted = new ArrayList<>(standbys);
        sorted.sort(String::compareTo);
        value.put("sync_standby", sorted.isEmpty() ? null : String.join(",", sorted));
        return Json.write(value);
    }

    /** {@code history}: an array of [timeline, lsn, reason, timestamp, new_leader]. */
    public static String history(List<HistoryEntry> entries) {
        List<List<Object>> value = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            List<Object> row = new ArrayList<>(List.of(entry.timeline(), entry.lsn(), entry.reason()));
            if (entry.timestamp() != null) {
                row.add(entry.timestamp());
                if (entry.newLeader() != null) {
                    row.add(entry.newLeader());
                }
            }
            value.add(row);
        }
        return Json.write(value);
    }

    /** {@code status}: optime, then slots and retain_slots only when non-empty. */
    public static String status(long optime, Map<String, Long> slots, List<String> retainSlots) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("optime", optime);
        if (!slots.isEmpty()) {
            value.put("slots", slots);
        }
        if (!retainSlots.isEmpty()) {
            value.put("retain_slots", retainSlots);
        }
        return Json.write(value);
    }

    /** {@code failsafe}: {name: api_url}. */
    public static String failsafe(Map<String, String> apiUrls) {
        return Json.write(apiUrls);
    }

    private static void putIfNotEmpty(Map<String, Object> value, String field, String text) {
        if (text != null && !text.isEmpty()) {
            value.put(field, text);
        }
    }
}
