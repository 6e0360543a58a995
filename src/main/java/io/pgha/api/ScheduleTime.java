package io.pgha.api;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code scheduled_at} or {@code schedule} value as Patroni reads it with dateutil (rest-api.md §6.4,
 * §6.7): the ISO-8601 family ({@code 2026-11-26T04:00:00+01:00}, a space for the {@code T}, seconds and
 * fractions optional, {@code Z}/{@code UTC}/{@code ±HH[:MM]} offsets). Without an offset it is
 * {@link Kind#NO_TIMEZONE}; anything else that is not such a timestamp is {@link Kind#UNPARSABLE}.
 *
 * @param at the parsed time (null unless {@link Kind#OK})
 */
record ScheduleTime(Kind kind, OffsetDateTime at) {

    enum Kind { OK, NO_TIMEZONE, UNPARSABLE }

    private static final Pattern FORM = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
            + "(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
            + "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");

    static ScheduleTime parse(Object value) {
        if (!(value instanceof String text)) {
            return new ScheduleTime(Kind.UNPARSABLE, null);
        }
        Matcher m = FORM.matcher(text.strip().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return new ScheduleTime(Kind.UNPARSABLE, null);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(Integer.parseInt(m.group(4)),
                    Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    m.group(7) == null ? 0 : micros(m.group(7)) * 1000);
            String zone = m.group(8);
            if (zone == null) {
                return new ScheduleTime(Kind.NO_TIMEZONE, null);
            }
            return new ScheduleTime(Kind.OK, OffsetDateTime.of(LocalDateTime.of(date, time), offset(zone)));
        } catch (DateTimeException | NumberFormatException e) {
            return new ScheduleTime(Kind.UNPARSABLE, null);
        }
    }

    /** Python's {@code datetime.isoformat()}: what Patroni writes into the {@code /failover} key. */
    String isoformat() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                at.getYear(), at.getMonthValue(), at.getDayOfMonth(), at.getHour(), at.getMinute(), at.getSecond()));
        int micros = at.getNano() / 1000;
        if (micros != 0) {
            text.append(String.format(Locale.ROOT, ".%06d", micros));
        }
        int seconds = at.getOffset().getTotalSeconds();
        text.append(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds);
        text.append(String.format(Locale.ROOT, "%02d:%02d", abs / 3600, abs / 60 % 60));
        return text.toString();
    }

    /** dateutil keeps microseconds: digits beyond six are cut. */
    private static int micros(String fraction) {
        String six = (fraction + "000000").substring(0, 6);
        return Integer.parseInt(six);
    }

    private static ZoneOffset offset(String zone) {
        if (zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }
}
