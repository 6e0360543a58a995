package io.pgha.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps(value)} with its defaults, as Patroni writes every JSON body: separators
 * {@code ", "} and {@code ": "}, keys in insertion order, non-ASCII escaped as {@code \\uXXXX}, floats
 * in Python's shortest form ({@code 1795645786.858565}, {@code 1e+16}).
 */
final class JsonText {
    private JsonText() {
    }

    static String dumps(Object value) {
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
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            sb.append(Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "Infinity" : "-Infinity") : pyFloat(d));
        } else if (value instanceof BigDecimal d) {
            sb.append(pyFloat(d.doubleValue()));
        } else if (value instanceof Number n) {
            sb.append(n instanceof BigInteger big ? big.toString() : Long.toString(n.longValue()));
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            String separator = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(separator);
                separator = ", ";
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
            // json.dumps(default=str): anything else is written as its text
            string(sb, value.toString());
        }
    }

    private static String key(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return key instanceof Double d ? pyFloat(d) : key.toString();
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
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Python's {@code repr(float)}: the shortest digits that read back to the same double. */
    static String pyFloat(double d) {
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(d);
        BigDecimal shortest = exact;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                shortest = candidate;
                break;
            }
        }
        shortest = shortest.stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }
}
