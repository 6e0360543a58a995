package io.pgha.dcs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a prefix range into a {@link Cluster}. Tolerant like Patroni (keyspace.md §5): a value that
 * does not parse becomes the empty form of its object and is reported in {@link Cluster#problems()};
 * nothing here throws on bad data.
 */
public final class ClusterParser {
    private static final int MAX_PROBLEM_LENGTH = 300;
    private final Keyspace keyspace;
    private final List<String> problems = new ArrayList<>();

    private ClusterParser(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    public static Cluster parse(Keyspace keyspace, RangeResult range) {
        return new ClusterParser(keyspace).parse(range);
    }

    private Cluster parse(RangeResult range) {
        String initialize = null;
        DynamicConfig config = DynamicConfig.ABSENT;
        Leader leader = null;
        List<Member> members = new ArrayList<>();
        Failover failover = Failover.NONE;
        SyncState sync = SyncState.EMPTY;
        List<HistoryEntry> history = null;
        ClusterStatus status = null;
        ClusterStatus legacyStatus = null;
        Map<String, String> failsafe = null;

        for (KeyValue kv : range.kvs()) {
            Optional<String> relative = keyspace.relativeName(kv.key());
            if (relative.isEmpty()) {
                continue;
            }
            String name = relative.get();
            Optional<String> memberName = Keyspace.memberName(name);
            if (memberName.isPresent()) {
                members.add(parseMember(memberName.get(), kv));
                continue;
            }
            switch (name) {
                case "initialize" -> initialize = kv.value();
                case "config" -> config = parseConfig(kv);
                case "leader" -> leader = kv.value().isEmpty() ? null : new Leader(kv.value().trim(), kv.modRevision(), kv.lease());
                case "failover" -> failover = parseFailover(kv);
                case "sync" -> sync = parseSync(kv);
                case "history" -> history = parseHistory(kv);
                case "status" -> status = parseStatus(kv);
                case "optime/leader" -> legacyStatus = parseLegacyOptime(kv);
                case "failsafe" -> failsafe = parseFailsafe(kv);
                default -> {
                    // other names (Citus groups, foreign keys) are not part of this cluster's model
                }
            }
        }
        members.sort(Comparator.comparing(Member::name));
        ClusterStatus effectiveStatus = status != null ? status : legacyStatus != null ? legacyStatus : ClusterStatus.EMPTY;
        return new Cluster(keyspace, initialize, config, leader, members, failover, sync, history,
                effectiveStatus, failsafe, problems, range.revision());
    }

    private void problem(KeyValue kv, String what) {
        String relative = keyspace.relativeName(kv.key()).orElse(kv.key());
        String line = relative + ": " + what;
        // a garbled value can be megabytes, and parser messages quote it: keep the report to one readable line
        problems.add(line.length() > MAX_PROBLEM_LENGTH ? line.substring(0, MAX_PROBLEM_LENGTH) + "..." : line);
    }

    @SuppressWarnings("unchecked")
    private Member parseMember(String name, KeyValue kv) {
        Optional<Object> parsed = Json.parse(kv.value());
        Map<String, Object> data;
        if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
            data = (Map<String, Object>) map;
        } else if (kv.value().startsWith("postgres://") || kv.value().startsWith("postgresql://")) {
            data = legacyMemberUrl(kv.value());
        } else {
            problem(kv, "not a JSON object, read as a member without data");
            return Member.placeholder(name, kv.modRevision(), kv.lease());
        }
        FieldReader f = new FieldReader(kv, data);
        String connUrl = f.string("conn_url");
        if (connUrl == null && data.get("conn_kwargs") instanceof Map<?, ?> kwargs && kwargs.get("host") != null) {
            Object port = kwargs.get("port");
            connUrl = "postgresql://" + kwargs.get("host") + (port == null ? "" : ":" + port);
        }
        return new Member(name, kv.modRevision(), kv.lease(),
                connUrl, f.string("api_url"), f.string("state"), f.string("role"), f.string("version"),
                f.string("proxy_url"), f.map("tags"), f.bool("pending_restart"), f.map("pending_restart_reason"),
                f.number("xlog_location"), f.number("replay_lsn"), f.number("receive_lsn"),
                f.string("replication_state"), f.integer("timeline"), f.map("scheduled_restart"),
                f.bool("pause"), data.containsKey("checkpoint_after_promote") ? f.bool("checkpoint_after_promote") : null,
                data);
    }

    /** Legacy member value: postgres://user:pwd@host:port/db?application_name=<api_url>. */
    private static Map<String, Object> legacyMemberUrl(String value) {
        Map<String, Object> data = new LinkedHashMap<>();
        int query = value.indexOf('?');
        String url = query < 0 ? value : value.substring(0, query);
        data.put("conn_url", url);
        if (query >= 0) {
            for (String param : value.substring(query + 1).split("&")) {
                if (param.startsWith("application_name=")) {
                    data.put("api_url", java.net.URLDecoder.decode(param.substring("application_name=".length()),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    private DynamicConfig parseConfig(KeyValue kv) {
        Optional<Object> parsed = Json.parse(kv.value());
        if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
            return new DynamicConfig((Map<String, Object>) map, kv.modRevision(), true);
        }
        problem(kv, "not a JSON object, read as an empty configuration");
        return new DynamicConfig(Map.of(), 0, true);
    }

    private Failover parseFailover(KeyValue kv) {
        Optional<Object> parsed = Json.parse(kv.value());
        if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
            FieldReader f = new FieldReader(kv, castMap(map));
            return new Failover(f.string("leader"), f.string("member"), f.string("scheduled_at"), kv.modRevision());
        }
        String value = kv.value().trim();
        if (value.isEmpty()) {
            return new Failover(null, null, null, kv.modRevision());
        }
        if (parsed.isEmpty() && value.contains(":")) {
            String[] parts = value.split(":", 2);
            return new Failover(emptyToNull(parts[0]), emptyToNull(parts[1]), null, kv.modRevision());
        }
        problem(kv, "not a JSON object, read as no pending failover");
        return new Failover(null, null, null, kv.modRevision());
    }

    private SyncState parseSync(KeyValue kv) {
        Optional<Object> parsed = Json.parse(kv.value());
        if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
            FieldReader f = new FieldReader(kv, castMap(map));
            Long quorum = f.number("quorum");
            return new SyncState(f.string("leader"), SyncState.splitStandbys(f.string("sync_standby")),
                    quorum == null ? null : quorum.intValue(), kv.modRevision());
        }
        problem(kv, "not a JSON object, read as no synchronous state");
        return new SyncState(null, List.of(), null, kv.modRevision());
    }

    private List<HistoryEntry> parseHistory(KeyValue kv) {
        Optional<Object> parsed = Json.parse(kv.value());
        if (parsed.isEmpty() || !(parsed.get() instanceof List<?> list)) {
            problem(kv, "not a JSON array, read as an empty history");
            return List.of();
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof List<?> entry && entry.size() >= 3
                    && entry.get(0) instanceof Number tl && entry.get(1) instanceof Number lsn) {
                entries.add(new HistoryEntry(tl.longValue(), lsn.longValue(), String.valueOf(entry.get(2)),
                        entry.size() > 3 && entry.get(3) != null ? String.valueOf(entry.get(3)) : null,
                        entry.size() > 4 && entry.get(4) != null ? String.valueOf(entry.get(4)) : null));
            } else {
                problem(kv, "entry " + Json.write(item) + " is not [timeline, lsn, reason, ...], skipped");
            }
        }
        return entries;
    }

    private ClusterStatus parseStatus(KeyValue kv) {
        Optional<Object> parsed = Json.parse(kv.value());
        if (parsed.isPresent() && parsed.get() instanceof Number n) {
            return new ClusterStatus(n.longValue(), Map.of(), List.of(), kv.modRevision());
        }
        if (parsed.isEmpty() || !(parsed.get() instanceof Map<?, ?> map)) {
            problem(kv, "not a JSON object, read as optime 0");
            return new ClusterStatus(0, Map.of(), List.of(), kv.modRevision());
        }
        FieldReader f = new FieldReader(kv, castMap(map));
        Long optime = f.number("optime");
        Map<String, Long> slots = new LinkedHashMap<>();
        Object rawSlots = map.get("slots");
        if (rawSlots instanceof String s) {
            rawSlots = Json.parse(s).orElse(null);
        }
        if (rawSlots instanceof Map<?, ?> slotMap) {
            slotMap.forEach((k, v) -> {
                if (v instanceof Number n) {
                    slots.put(String.valueOf(k), n.longValue());
                }
            });
        }
        List<String> retain = new ArrayList<>();
        Object rawRetain = map.get("retain_slots");
        if (rawRetain instanceof String s) {
            rawRetain = Json.parse(s).orElse(null);
        }
        if (rawRetain instanceof List<?> list) {
            list.forEach(item -> retain.add(String.valueOf(item)));
        }
        return new ClusterStatus(optime == null ? 0 : optime, slots, retain, kv.modRevision());
    }

    private ClusterStatus parseLegacyOptime(KeyValue kv) {
        try {
            return new ClusterStatus(Long.parseLong(kv.value().trim()), Map.of(), List.of(), kv.modRevision());
        } catch (NumberFormatException e) {
            problem(kv, "not a number, read as optime 0");
            return ClusterStatus.EMPTY;
        }
    }

    private Map<String, String> parseFailsafe(KeyValue kv) {
        Optional<Object> parsed = Json.parse(kv.value());
        if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
            Map<String, String> result = new LinkedHashMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
            return result;
        }
        problem(kv, "not a JSON object, read as absent");
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Typed access to one document's fields; a field of the wrong type is reported and read as absent. */
    private final class FieldReader {
        private final KeyValue kv;
        private final Map<String, Object> data;

        FieldReader(KeyValue kv, Map<String, Object> data) {
            this.kv = kv;
            this.data = data;
        }

        String string(String field) {
            Object value = data.get(field);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            if (value instanceof Number || value instanceof Boolean) {
                return String.valueOf(value);
            }
            wrongType(field, "text");
            return null;
        }

        Long number(String field) {
            Object value = data.get(field);
            if (value == null) {
                return null;
            }
            if (value instanceof Number n) {
                return n.longValue();
            }
            if (value instanceof String s) {
                try {
                    return Long.parseLong(s.trim());
                } catch (NumberFormatException e) {
                    // fall through to the report
                }
            }
            wrongType(field, "a number");
            return null;
        }

        Integer integer(String field) {
            Long value = number(field);
            return value == null ? null : value.intValue();
        }

        boolean bool(String field) {
            Object value = data.get(field);
            if (value == null) {
                return false;
            }
            if (value instanceof Boolean || value instanceof String || value instanceof Number) {
                return DynamicConfig.truthy(value);
            }
            wrongType(field, "a boolean");
            return false;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String field) {
            Object value = data.get(field);
            if (value == null) {
                return null;
            }
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
            wrongType(field, "an object");
            return null;
        }

        private void wrongType(String field, String expected) {
            problem(kv, field + " is not " + expected + " (" + Json.write(data.get(field)) + "), ignored");
        }
    }
}
