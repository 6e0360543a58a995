package io.pgha.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as Patroni puts them in JSON (Python's {@code str(datetime)}) and in metrics (epoch
 * seconds as a float). Always UTC: the agent's PostgreSQL session reports times in UTC.
 */
final class PyTime {
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private PyTime() {
    }

    /** {@code 2026-11-25 22:29:46.858565+00:00}; Python leaves the fraction out when it is zero. */
    static String text(Instant instant) {
        int micros = instant.getNano() / 1000;
        String fraction = micros == 0 ? "" : String.format(".%06d", micros);
        return SECONDS.format(instant) + fraction + "+00:00";
    }

    /** {@code timedelta.total_seconds()}: microseconds over 10^6, a float, so 1795645786.858565. */
    static double epochSeconds(Instant instant) {
        long micros = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
        return micros / 1e6;
    }
}
