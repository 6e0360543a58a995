package io.pgha.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code lag=} query parameter (rest-api.md §3.3) read as Patroni's {@code parse_int(value, 'B')}:
 * an integer (decimal, {@code 0x} hex, leading-0 octal) or a decimal fraction, optionally followed by
 * {@code B}, {@code kB}, {@code MB}, {@code GB} or {@code TB} (1024-based, case-sensitive). A value
 * with a unit is rounded to a whole number of the next smaller unit, then to bytes, half to even.
 */
final class ByteSize {
    private static final Pattern HEX = Pattern.compile("^[-+]?0x[0-9a-fA-F]+");
    private static final Pattern OCT = Pattern.compile("^[-+]?0[0-7]*");
    private static final Pattern DEC = Pattern.compile("^[-+]?(0|[1-9][0-9]*)");
    private static final Pattern DOUBLE = Pattern.compile("^[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?");
    private static final Map<String, Long> UNITS = Map.of("B", 1L, "kB", 1L << 10, "MB", 1L << 20, "GB", 1L << 30,
            "TB", 1L << 40);

    private ByteSize() {
    }

    /** Bytes, or null when the text does not parse (the caller then applies no limit). */
    static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String value = text.strip();
        BigDecimal number = null;
        String unit = value;
        for (Pattern integer : new Pattern[] {HEX, OCT, DEC}) {
            Matcher m = integer.matcher(value);
            if (m.find()) {
                number = new BigDecimal(integerValue(m.group(), integer == HEX ? 16 : integer == OCT ? 8 : 10));
                unit = value.substring(m.end());
                break;
            }
        }
        if (number == null && unit.startsWith(".") || !unit.isEmpty() && ".eE".indexOf(unit.charAt(0)) >= 0) {
            Matcher m = DOUBLE.matcher(value);
            if (m.find()) {
                number = new BigDecimal(m.group());
                unit = value.substring(m.end());
            }
        }
        if (number == null) {
            return null;
        }
        unit = unit.strip();
        if (unit.isEmpty()) {
            return rounded(number);
        }
        Long factor = UNITS.get(unit);
        if (factor == null) {
            return null;
        }
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(factor));
        if (factor > 1) {
            BigDecimal smaller = BigDecimal.valueOf(factor / 1024);
            bytes = bytes.divide(smaller).setScale(0, RoundingMode.HALF_EVEN).multiply(smaller);
        }
        return rounded(bytes);
    }

    private static java.math.BigInteger integerValue(String text, int radix) {
        String digits = text;
        String sign = "";
        if (digits.startsWith("+") || digits.startsWith("-")) {
            sign = digits.substring(0, 1);
            digits = digits.substring(1);
        }
        if (radix == 16) {
            digits = digits.substring(2);
        } else if (radix == 8) {
            digits = digits.length() == 1 ? "0" : digits.substring(1);
        }
        return new java.math.BigInteger(sign + digits, radix);
    }

    private static Long rounded(BigDecimal value) {
        BigDecimal whole = value.setScale(0, RoundingMode.HALF_EVEN);
        try {
            return whole.longValueExact();
        } catch (ArithmeticException e) {
            return whole.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
}
