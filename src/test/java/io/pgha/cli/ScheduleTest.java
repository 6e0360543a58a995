package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** --scheduled values as patronictl reads them, and the times it prints. */
class ScheduleTest {
    private final Schedule berlin = new Schedule(Clock.fixed(Instant.parse("2026-11-25T22:01:30.123456789Z"),
            ZoneId.of("Europe/Berlin")));

    private String iso(String text) {
        return Schedule.isoformat(berlin.parse(text).orElseThrow());
    }

    @Test
    void nowOrNothingMeansAtOnce() {
        assertTrue(berlin.parse("now").isEmpty());
        assertTrue(berlin.parse("").isEmpty());
        assertTrue(berlin.parse(null).isEmpty());
    }

    @Test
    void aTimeWithoutZoneIsLocalTime() {
        assertEquals("2026-11-26T10:00:00+01:00", iso("2026-11-26T10:00"));
        assertEquals("2026-07-01T10:00:00+02:00", iso("2026-07-01 10:00"));
        assertEquals("2026-11-26T00:00:00+01:00", iso("2026-11-26"));
    }

    @Test
    void aGivenZoneIsKeptAndPrintedAsPythonDoes() {
        assertEquals("2026-11-26T10:00:00+00:00", iso("2026-11-26T10:00Z"));
        assertEquals("2026-11-26T10:00:05.500000-03:30", iso("2026-11-26T10:00:05.5-0330"));
        assertEquals("2026-11-26 10:00:00+05:00", Schedule.str(berlin.parse("2026-11-26T10:00+05").orElseThrow()));
    }

    @Test
    void somethingElseIsRefusedWithPatronictlsMessage() {
        for (String text : new String[] {"tomorrow", "2026-13-01T10:00", "2026-11-26T25:00", "10:00"}) {
            CliException e = assertThrows(CliException.class, () -> berlin.parse(text), text);
            assertEquals("Unable to parse scheduled timestamp (" + text + "). It should be in an unambiguous format "
                    + "(e.g. ISO 8601)", e.getMessage());
        }
    }

    @Test
    void promptExampleAndAnswerTimestampUseLocalTime() {
        assertEquals("2026-11-26T00:01", berlin.exampleInOneHour());
        assertEquals("2026-11-25 23:01:30.12345", berlin.timestamp());
    }
}
