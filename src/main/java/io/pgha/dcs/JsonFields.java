package io.pgha.dcs;

import java.util.List;
import java.util.Map;

/**
 * Lenient reads of {@link Json#parse parsed} answers of etcd's JSON gateway, which writes int64 fields
 * as strings and leaves out fields at their zero value: a missing or odd field reads as zero, false or "".
 */
final class JsonFields {
    private JsonFields() {
    }

    /** The value at a path of object keys (String) and array indexes (Integer); null when absent. */
    static Object at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            if (step instanceof String key && current instanceof Map<?, ?> object) {
                current = object.get(key);
            } else if (step instanceof Integer index && current instanceof List<?> array
                    && index >= 0 && index < array.size()) {
                current = array.get(index);
            } else {
                return null;
            }
        }
        return current;
    }

    static long asLong(Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    static String asText(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : "";
    }

    static boolean asBoolean(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Number number) {
            return number.longValue() != 0;
        }
        return value instanceof String text && text.trim().equals("true");
    }

    /** The items of an array; empty when absent or not an array. */
    static List<?> items(Object value) {
        return value instanceof List<?> array ? array : List.of();
    }
}
