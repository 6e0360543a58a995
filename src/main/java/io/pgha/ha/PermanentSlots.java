package io.pgha.ha;

import io.pgha.dcs.DynamicConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The permanent slots of {@code /config} (config.md §4, ha-loop.md §16.3) and the {@code ignore_slots}
 * matchers. The first non-empty of {@code permanent_replication_slots}, {@code permanent_slots},
 * {@code slots} counts. An entry is physical when it is null, empty, typed physical, or untyped without
 * both database and plugin; logical when typed logical (or untyped) with database and plugin. Invalid
 * names and other values are left out, as Patroni leaves them out with an error.
 */
public record PermanentSlots(Map<String, SlotSpec> slots, List<Map<String, String>> ignore) {

    public static final PermanentSlots NONE = new PermanentSlots(Map.of(), List.of());
    private static final Pattern VALID_NAME = Pattern.compile("^[a-z0-9_]{1,63}$");

    public PermanentSlots {
        slots = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        ignore = List.copyOf(ignore);
    }

    public static PermanentSlots from(DynamicConfig config) {
        return config == null ? NONE : from(config.data());
    }

    public static PermanentSlots from(Map<String, Object> data) {
        if (data == null) {
            return NONE;
        }
        Object configured = firstNonEmpty(data.get("permanent_replication_slots"), data.get("permanent_slots"),
                data.get("slots"));
        Map<String, SlotSpec> slots = new LinkedHashMap<>();
        if (configured instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                String name = String.valueOf(key);
                SlotSpec spec = VALID_NAME.matcher(name).matches() ? parse(name, value) : null;
                if (spec != null) {
                    slots.put(name, spec);
                }
            });
        }
        List<Map<String, String>> ignore = new ArrayList<>();
        if (data.get("ignore_slots") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> map) {
                    Map<String, String> matcher = new LinkedHashMap<>();
                    for (String field : List.of("name", "type", "database", "plugin")) {
                        Object v = map.get(field);
                        if (v != null && !String.valueOf(v).isEmpty()) {
                            matcher.put(field, String.valueOf(v));
                        }
                    }
                    ignore.add(matcher);
                }
            }
        }
        return new PermanentSlots(slots, ignore);
    }

    private static Object firstNonEmpty(Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate instanceof Map<?, ?> map && !map.isEmpty()) {
                return candidate;
            }
        }
        return null;
    }

    private static SlotSpec parse(String name, Object value) {
        if (value == null || value instanceof Map<?, ?> m && m.isEmpty()) {
            return SlotSpec.physical(name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        String database = text(map.get("database"));
        String plugin = text(map.get("plugin"));
        String type = text(map.get("type"));
        if (type == null) {
            type = database != null && plugin != null ? SlotSpec.LOGICAL : SlotSpec.PHYSICAL;
        }
        if (SlotSpec.PHYSICAL.equals(type)) {
            return SlotSpec.physical(name);
        }
        if (SlotSpec.LOGICAL.equals(type) && database != null && plugin != null) {
            return SlotSpec.logical(name, database, plugin);
        }
        return null;
    }

    private static String text(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? null : String.valueOf(value);
    }

    public boolean hasLogical() {
        return slots.values().stream().anyMatch(SlotSpec::isLogical);
    }

    /** Whether an {@code ignore_slots} entry matches: every field it gives equals the slot's. */
    public boolean ignored(SlotSpec slot) {
        for (Map<String, String> matcher : ignore) {
            if (matches(matcher.get("name"), slot.name()) && matches(matcher.get("type"), slot.type())
                    && matches(matcher.get("database"), slot.database()) && matches(matcher.get("plugin"), slot.plugin())) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    /**
     * What a leader publishes in {@code /status.slots}: for each permanent slot it has in the configured
     * form, logical {@code confirmed_flush_lsn} and physical {@code restart_lsn} (the latter as Patroni
     * 3.2+ does; 3.0.2 publishes logical slots only).
     */
    public Map<String, Long> positions(Collection<ExistingSlot> existing) {
        Map<String, Long> positions = new java.util.TreeMap<>();
        for (ExistingSlot slot : existing) {
            SlotSpec wanted = slots.get(slot.name());
            if (wanted != null && wanted.sameKindAs(slot.spec()) && slot.position() != null) {
                positions.put(slot.name(), slot.position());
            }
        }
        return positions;
    }
}
