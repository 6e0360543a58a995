package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.api.ScheduleTime.Kind;
import org.junit.jupiter.api.Test;

/** Timestamps as dateutil reads them and as Python's isoformat() writes them into /failover. */
class ScheduleTimeTest {

    private static String written(String text) {
        ScheduleTime time = ScheduleTime.parse(text);
        assertEquals(Kind.OK, time.kind(), text);
        return time.isoformat();
    }

    @Test
    void isoFormsWithAnOffsetAreRewrittenAsPythonDoes() {
        assertEquals("2030-01-01T10:00:00+00:00", written("2030-01-01T10:00:00+00:00"));
        assertEquals("2030-01-01T10:00:00+00:00", written("2030-01-01T10:00Z"));
        assertEquals("2030-01-01T10:00:00+00:00", written("2030-01-01 10:00 UTC"));
        assertEquals("2030-01-01T10:00:05.123000-05:30", written("2030-01-01T10:00:05.123-05:30"));
        assertEquals("2030-01-01T10:00:05.123456+02:00", written("2030-01-01T10:00:05.1234567+0200"));
        assertEquals("2030-01-01T00:00:00+01:00", written("2030-01-01 +01"));
    }

    @Test
    void withoutOffsetOrNotATimestamp() {
        assertEquals(Kind.NO_TIMEZONE, ScheduleTime.parse("2030-01-01T10:00").kind());
        assertEquals(Kind.NO_TIMEZONE, ScheduleTime.parse("2030-01-01").kind());
        for (Object bad : new Object[] {"soon", "2030-02-30T10:00Z", "2030-01-01T25:00Z", "", 1234, null, "2030-01-01T10:00+25:00"}) {
            assertEquals(Kind.UNPARSABLE, ScheduleTime.parse(bad).kind(), String.valueOf(bad));
        }
    }
}
