package io.pgha.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code schedule} of {@code POST /restart} as Patroni's {@code parse_schedule} judges it: an ISO 8601
 * time with a UTC offset, not in the past. {@code isoformat} is Python's {@code datetime.isoformat()} of
 * the parsed time, as the member key publishes it.
 */
record RestartSchedule(Instant at, String isoformat) {
    static final String NO_TIMEZONE = "Timezone information is mandatory for the scheduled restart";
    static final String IN_THE_PAST = "Cannot schedule restart in the past";
    static final String UNPARSEABLE = "Unable to parse scheduled timestamp. It should be in an unambiguous format, e.g. ISO 8601";

    private static final Pattern TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "\\s*(Z|z|UTC|[+-]\\d{2}(?::?\\d{2})?)?");

    /** Why a schedule is refused: the status and Patroni's message. */
    static final class Refused extends Exception {
        private final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    static RestartSchedule parse(Object value, Instant now) throws Refused {
        if (!(value instanceof String text)) {
            throw new Refused(422, UNPARSEABLE);
        }
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new Refused(422, UNPARSEABLE);
        }
        LocalDateTime local;
        try {
            String fraction = m.group(7) == null ? "0" : (m.group(7) + "000000000").substring(0, 9);
            local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), Integer.parseInt(fraction));
        } catch (java.time.DateTimeException | NumberFormatException e) {
            throw new Refused(422, UNPARSEABLE);
        }
        if (m.group(8) == null) {
            throw new Refused(400, NO_TIMEZONE);
        }
        OffsetDateTime time;
        try {
            time = local.atOffset(offset(m.group(8)));
        } catch (java.time.DateTimeException e) {
            throw new Refused(422, UNPARSEABLE);
        }
        if (time.toInstant().isBefore(now)) {
            throw new Refused(422, IN_THE_PAST);
        }
        return new RestartSchedule(time.toInstant(), isoformat(time));
    }

    private static ZoneOffset offset(String text) {
        if (text.equalsIgnoreCase("Z") || text.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String digits = text.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.substring(0, 2));
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(2)) : 0;
        return text.charAt(0) == '-' ? ZoneOffset.ofHoursMinutes(-hours, -minutes) : ZoneOffset.ofHoursMinutes(hours, minutes);
    }

    /** {@code 2026-11-26T03:10:00+00:00}, microseconds only when there are any, as Python prints it. */
    static String isoformat(OffsetDateTime time) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(),
                time.getSecond()));
        int micros = time.getNano() / 1000;
        if (micros != 0) {
            text.append(String.format(Locale.ROOT, ".%06d", micros));
        }
        int seconds = time.getOffset().getTotalSeconds();
        text.append(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds);
        text.append(String.format(Locale.ROOT, "%02d:%02d", abs / 3600, abs / 60 % 60));
        return text.toString();
    }
}
