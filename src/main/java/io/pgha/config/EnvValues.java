package io.pgha.config;

import java.io.StringReader;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Patroni's conversions of text values (environment variables, quoted YAML scalars). */
final class EnvValues {
    private static final Pattern INTEGER = Pattern.compile("([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)");

    private EnvValues() {
    }

    /** on/off, true/false, yes/no, 1/0 in any case; {@code null} for anything else. */
    static Boolean toBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> Boolean.TRUE;
            case "off", "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A C-style integer (decimal, {@code 0x} hex, leading-0 octal) as strtol reads it; null if not one. */
    static Long toLong(String text) {
        Matcher m = INTEGER.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        String digits = m.group(2);
        int radix = 10;
        if (digits.length() > 1 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')) {
            digits = digits.substring(2);
            radix = 16;
        } else if (digits.length() > 1 && digits.charAt(0) == '0') {
            radix = 8;
        }
        try {
            long value = Long.parseLong(digits, radix);
            return "-".equals(m.group(1)) ? -value : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean parseBool(String variable, String text) {
        Boolean value = toBoolean(text);
        if (value == null) {
            throw new ConfigException("config error: " + variable
                    + ": expected a boolean (true/false, on/off, yes/no, 1/0), got " + Section.quote(text));
        }
        return value;
    }

    static Object parseInt(String variable, String text) {
        Long value = toLong(text);
        if (value == null) {
            throw new ConfigException("config error: " + variable + ": expected an integer, got " + Section.quote(text));
        }
        return value == value.intValue() ? (Object) value.intValue() : (Object) value;
    }

    /** YAML flow list, brackets optional: {@code a:1,b:2} or {@code [a:1, b:2]}; block lists ({@code - a}) too. */
    static Object parseList(String variable, String text) {
        String yaml = text.strip().startsWith("-") || text.contains("[") ? text : "[" + text + "]";
        return parseYaml(variable, yaml);
    }

    /** YAML flow mapping, braces optional: {@code a: 1, b: 2} or {@code {a: 1, b: 2}}. */
    static Object parseMap(String variable, String text) {
        String yaml = text.strip().startsWith("{") ? text : "{" + text + "}";
        return parseYaml(variable, yaml);
    }

    private static Object parseYaml(String variable, String yaml) {
        return YamlReader.read(new StringReader(yaml), variable).root();
    }
}
