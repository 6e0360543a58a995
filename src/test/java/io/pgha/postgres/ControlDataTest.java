package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** pg_controldata output captured from PostgreSQL 15.18 (Debian), primary running and replica stopped. */
class ControlDataTest {

    private static ControlData captured(String name) throws IOException {
        try (InputStream in = ControlDataTest.class.getResourceAsStream(name)) {
            return ControlData.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void runningPrimaryReportsIdentityStateAndCheckpoint() throws IOException {
        ControlData data = captured("controldata-in-production.txt");
        assertEquals(Optional.of("7712261744596254466"), data.systemIdentifier());
        assertEquals(ControlData.ClusterState.IN_PRODUCTION, data.clusterState());
        assertEquals(0x153F940L, data.latestCheckpointLocation());
        assertEquals(0x153F908L, data.latestCheckpointRedoLocation());
        assertEquals(1, data.latestCheckpointTimeline());
        assertEquals(0L, data.minRecoveryEndingLocation());
        assertEquals(0, data.minRecoveryEndingTimeline());
        assertEquals(50, data.setting("max_connections").getAsInt());
        assertEquals(0, data.setting("max_prepared_transactions").getAsInt());
        assertEquals(64, data.setting("max_locks_per_transaction").getAsInt());
        assertFalse(data.walLogHints());
        assertFalse(data.rewindCapable(), "no wal_log_hints and no checksums: pg_rewind cannot work");
        assertEquals(Optional.of("replica"), data.get("wal_level setting"));
    }

    @Test
    void stoppedReplicaReportsItsMinimumRecoveryPoint() throws IOException {
        ControlData data = captured("controldata-shut-down-in-recovery.txt");
        assertEquals(ControlData.ClusterState.SHUT_DOWN_IN_RECOVERY, data.clusterState());
        assertEquals(0x3000000L, data.minRecoveryEndingLocation());
        assertEquals(1, data.minRecoveryEndingTimeline());
        assertEquals(0x2000060L, data.latestCheckpointLocation());
    }

    @Test
    void unknownOrMissingValuesAreReportedClearly() {
        ControlData data = ControlData.parse("Database system identifier:           0\nDatabase cluster state: weird\n");
        assertEquals(Optional.empty(), data.systemIdentifier());
        assertEquals(ControlData.ClusterState.UNKNOWN, data.clusterState());
        PostgresException e = assertThrows(PostgresException.class, data::latestCheckpointLocation);
        assertEquals("pg_controldata did not report 'Latest checkpoint location'", e.getMessage());
        assertTrue(ControlData.parse("wal_log_hints setting: on").rewindCapable());
        assertTrue(ControlData.parse("Data page checksum version: 1").rewindCapable());
    }

    @Test
    void timelineHistoryLinesGiveParentSwitchPointAndReason() {
        List<TimelineHistory.Entry> entries = TimelineHistory.parse(
                "1\t0/3000148\tno recovery target specified\n\n2\t0/4000000\tbefore 2026-01-01 00:00:00+00\n");
        assertEquals(List.of(new TimelineHistory.Entry(1, 0x3000148L, "no recovery target specified"),
                new TimelineHistory.Entry(2, 0x4000000L, "before 2026-01-01 00:00:00+00")), entries);
        assertEquals("1\t0/1\tx\n", ReplicationProtocol.text("\\x3109302f310978 0a".replace(" ", "")));
    }

    @Test
    void lsnTextAndBytesConvertBothWays() {
        assertEquals(0x16B374D848L, Lsn.parse("16/B374D848"));
        assertEquals("16/B374D848", Lsn.format(0x16B374D848L));
        assertEquals("0/0", Lsn.format(0));
        assertThrows(IllegalArgumentException.class, () -> Lsn.parse("16B374D848"));
    }
}
