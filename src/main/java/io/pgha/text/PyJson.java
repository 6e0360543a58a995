package io.pgha.text;

import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(value)} with its defaults: separators {@code ", "} and {@code ": "},
 * keys in insertion order, non-ASCII escaped as lowercase {@code \\uXXXX}, NaN and infinities as
 * {@code NaN}/{@code Infinity}.
 */
public final class PyJson {
    private PyJson() {
    }

    public static String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (value instanceof String s) {
            string(sb, s);
        } else if (PyText.isInteger(value)) {
            sb.append(PyText.integer((Number) value));
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity")
                    : PyText.floatRepr(d));
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                string(sb, key(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (value instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                write(sb, list.get(i));
            }
            sb.append(']');
        } else {
            string(sb, value.toString());
        }
    }

    /** json.dumps turns None/True/numbers used as keys into their JSON text. */
    private static String key(Object key) {
        if (key instanceof String s) {
            return s;
        }
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return PyText.str(key);
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        // UTF-16 units, so characters beyond the BMP come out as surrogate pairs, as in Python
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
