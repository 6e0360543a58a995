package io.pgha.postgres;

import java.util.Locale;

/** Parsing of PostgreSQL parameter values: booleans, integers, memory sizes. */
final class Units {
    private Units() {
    }

    /** PostgreSQL's boolean spellings; null when the text is not a boolean. */
    static Boolean toBoolean(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1", "t", "y" -> true;
            case "off", "false", "no", "0", "f", "n" -> false;
            default -> null;
        };
    }

    static int toInt(String value, int fallback) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
    }

    /** A size in megabytes; a bare number is megabytes (wal_keep_size's unit); -1 when invalid. */
    static long toMegabytes(String value) {
        String v = value.strip();
        int split = 0;
        while (split < v.length() && (Character.isDigit(v.charAt(split)) || v.charAt(split) == '-')) {
            split++;
        }
        long number;
        try {
            number = Long.parseLong(v.substring(0, split));
        } catch (NumberFormatException e) {
            return -1;
        }
        return switch (v.substring(split).strip()) {
            case "", "MB" -> number;
            case "kB" -> number / 1024;
            case "GB" -> number * 1024;
            case "TB" -> number * 1024 * 1024;
            case "B" -> number / (1024 * 1024);
            default -> -1;
        };
    }
}
