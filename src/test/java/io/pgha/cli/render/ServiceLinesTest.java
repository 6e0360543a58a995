package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines after pretty/topology tables; expected texts printed by patronictl 4.1.4 for the same keys. */
class ServiceLinesTest {

    private static Fixture single(String failover, String config) {
        return Fixture.cluster("sw_z").key("config", config).key("leader", "a").key("status", "{\"optime\":100}")
                .key("failover", failover)
                .member("a", Fixture.member("10.0.0.1", 5432, "primary", "running", "4.1.4", "\"xlog_location\":100,\"timeline\":1"));
    }

    @Test
    void scheduledAtIsPrintedAsPythonIsoformatWithOnlyTheLinesTheKeyHas() {
        assertEquals("""
                + Cluster: sw_z (uninitialized) -------+----+-------------+-----+------------+-----+
                | Member | Host     | Role   | State   | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+----------+--------+---------+----+-------------+-----+------------+-----+
                | a      | 10.0.0.1 | Leader | running |  1 |             |     |            |     |
                +--------+----------+--------+---------+----+-------------+-----+------------+-----+
                 Switchover scheduled at: 2026-11-25T23:55:00.120000+00:00
                                      to: a
                """, single("{\"member\":\"a\",\"scheduled_at\":\"2026-11-25T23:55:00.120Z\"}", "{\"ttl\":30}")
                .render(Surface.PATRONI_4_1, OutputFormat.PRETTY, false));
    }

    @Test
    void failoverKeyWithoutLeaderOrCandidateIsNoSwitchover() {
        Fixture fixture = single("{\"scheduled_at\":\"2026-11-25T23:55:00+00:00\"}", "{\"ttl\":30,\"pause\":true}");
        assertEquals(List.of("Maintenance mode: on"),
                MemberListing.serviceLines(ClusterOverview.of(fixture.parse(), Surface.PATRONI_4_1)));
    }

    @Test
    void isoformatKeepsOffsetsAndDropsZeroMicroseconds() {
        assertEquals("2026-11-25T23:55:00+00:00", ClusterOverview.isoformat("2026-11-25T23:55:00Z"));
        assertEquals("2026-11-25T23:55:00.000001-05:30", ClusterOverview.isoformat("2026-11-25T23:55:00.000001-05:30"));
        assertEquals("2026-11-25T23:55:00", ClusterOverview.isoformat("2026-11-25 23:55:00"));
        assertEquals("tomorrow", ClusterOverview.isoformat("tomorrow"));
    }
}
