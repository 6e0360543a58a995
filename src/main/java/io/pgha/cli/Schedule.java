package io.pgha.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as patronictl reads and prints them: {@code --scheduled} values (ISO 8601, local time zone when none
 * is given, {@code now} or empty for at once), Python's {@code isoformat()} and {@code str()} of such a time,
 * the "e.g." example in prompts and the timestamp before a member's answer.
 */
final class Schedule {
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?");
    private static final DateTimeFormatter EXAMPLE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSS");

    private final Clock clock;

    Schedule(Clock clock) {
        this.clock = clock;
    }

    /**
     * Empty for {@code now}, an empty answer or null; else the time, in the clock's zone when none is given.
     *
     * @throws CliException with patronictl's message when the text is not a timestamp
     */
    Optional<OffsetDateTime> parse(String text) {
        if (text == null || text.isEmpty() || text.equals("now")) {
            return Optional.empty();
        }
        Matcher m = TIMESTAMP.matcher(text.strip());
        if (!m.matches()) {
            throw unparsable(text);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000").substring(0, 6);
                time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), Integer.parseInt(fraction) * 1000);
            }
            LocalDateTime local = LocalDateTime.of(date, time);
            String zone = m.group(8);
            if (zone == null) {
                return Optional.of(ZonedDateTime.of(local, clock.getZone()).toOffsetDateTime());
            }
            return Optional.of(OffsetDateTime.of(local, offset(zone)));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw unparsable(text);
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone.equalsIgnoreCase("Z") || zone.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static CliException unparsable(String text) {
        return new CliException("Unable to parse scheduled timestamp (" + text
                + "). It should be in an unambiguous format (e.g. ISO 8601)");
    }

    /** Python's {@code datetime.isoformat()}: {@code 2026-11-26T01:02:00+00:00}, microseconds only when set. */
    static String isoformat(OffsetDateTime t) {
        return pythonText(t, 'T');
    }

    /** Python's {@code str(datetime)}: as {@link #isoformat} with a space between date and time. */
    static String str(OffsetDateTime t) {
        return pythonText(t, ' ');
    }

    private static String pythonText(OffsetDateTime t, char separator) {
        String text = String.format("%04d-%02d-%02d%c%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                separator, t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            text += String.format(".%06d", micros);
        }
        int seconds = t.getOffset().getTotalSeconds();
        int abs = Math.abs(seconds);
        text += String.format("%s%02d:%02d", seconds < 0 ? "-" : "+", abs / 3600, abs % 3600 / 60);
        return abs % 60 == 0 ? text : text + String.format(":%02d", abs % 60);
    }

    /** The example in the "When should ..." prompts: one hour from now, local time, to the minute. */
    String exampleInOneHour() {
        return LocalDateTime.now(clock).plusHours(1).format(EXAMPLE);
    }

    /** The local time with five fractional digits that patronictl prints before a member's answer. */
    String timestamp() {
        return LocalDateTime.now(clock).format(STAMP);
    }
}
