package io.pgha.text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's text forms of the values patronictl prints: {@code str()}, {@code repr()} of floats and
 * {@code round()}. patronictl hands raw JSON values to {@code str()} (tsv, PrettyTable), so pgha must
 * print {@code None}, {@code True} and floats exactly as Python does.
 */
public final class PyText {
    private PyText() {
    }

    /** Python's {@code str(value)} for the JSON-like values of the cluster model. */
    public static String str(Object value) {
        if (value instanceof String s) {
            return s;
        }
        return repr(value);
    }

    /** Python's {@code repr(value)}; strings are quoted as Python quotes them. */
    public static String repr(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof Number n) {
            return integer(n).toString();
        }
        if (value instanceof String s) {
            return stringRepr(s);
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(repr(list.get(i)));
            }
            return sb.append(']').toString();
        }
        return value.toString();
    }

    /** Python's {@code bool(value)}: empty text, empty collections, zero and None are false. */
    public static boolean truthy(Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return !s.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return true;
    }

    public static BigInteger integer(Number n) {
        return n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
    }

    /** Whether the value is a Python int (not bool, not float). */
    public static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
    }

    /**
     * {@code round(bytes / 1024 / 1024)}: Python rounds half to even, so 2 097 202 bytes is 2 and
     * 4 999 900 bytes is 5. The division is exact in binary floating point, so integer arithmetic gives
     * the same answer.
     */
    public static long roundMegabytes(long bytes) {
        long quotient = Math.floorDiv(bytes, 1L << 20);
        long remainder = Math.floorMod(bytes, 1L << 20);
        long half = 1L << 19;
        if (remainder > half || (remainder == half && (quotient & 1) == 1)) {
            return quotient + 1;
        }
        return quotient;
    }

    /** Python's {@code repr(float)}: the shortest digits that read back the same value. */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
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
        String digits = shortest.unscaledValue().abs().toString().replaceAll("0+$", "");
        if (digits.isEmpty()) {
            digits = "0";
        }
        // decimal exponent of the first digit
        int exponent = shortest.precision() - shortest.scale() - 1;
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
            return sign + mantissa + "e" + exp;
        }
        String plain;
        if (exponent < 0) {
            plain = "0." + "0".repeat(-exponent - 1) + digits;
        } else if (digits.length() <= exponent + 1) {
            plain = digits + "0".repeat(exponent + 1 - digits.length()) + ".0";
        } else {
            plain = digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
        }
        return sign + plain;
    }

    private static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        s.codePoints().forEach(cp -> {
            if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append(quote).toString();
    }
}
