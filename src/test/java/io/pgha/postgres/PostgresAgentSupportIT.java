package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the agent's loop needs from the facade beyond the life cycle: crash recovery, cheap looks, slots. */
class PostgresAgentSupportIT {

    @Test
    void singleUserCrashRecoveryLeavesAKilledPrimaryCleanlyShutDownWithItsData() throws Exception {
        try (TestNodes nodes = TestNodes.create()) {
            Postgres primary = nodes.node("crashed");
            primary.clusterBootstrap().run();
            try (Connection c = TestNodes.connect(primary, TestNodes.SUPERUSER); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept AS SELECT 42 AS answer");
            }
            assertTrue(primary.kill());
            assertEquals(ControlData.ClusterState.IN_PRODUCTION, primary.controlData().clusterState());

            primary.replicaSetup().crashRecovery(java.time.Duration.ofMinutes(2));

            ControlData after = primary.controlData();
            assertEquals(ControlData.ClusterState.SHUT_DOWN, after.clusterState());
            primary.start(PostgresRole.PRIMARY, Optional.empty());
            try (Connection c = TestNodes.connect(primary, TestNodes.SUPERUSER); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT answer FROM kept")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
    }

    @Test
    void theStatusMonitorKeepsOneConnectionAcrossLooksAndSurvivesARestart() throws Exception {
        try (TestNodes nodes = TestNodes.create()) {
            Postgres node = nodes.node("watched");
            node.clusterBootstrap().run();
            try (StatusMonitor monitor = node.statusMonitor()) {
                for (int i = 0; i < 5; i++) {
                    assertEquals("primary", monitor.status().role());
                }
                assertEquals(1, agentConnections(node), "five looks, one backend");
                node.stop(StopMode.FAST);
                assertEquals(PostmasterState.STOPPED, monitor.status().state());
                node.start(PostgresRole.PRIMARY, Optional.empty());
                assertEquals("primary", monitor.status().role(), "a new connection after the restart");
            }
        }
    }

    @Test
    void inspectionReadsPgControldataOnceAndTemporarySlotsAreMarked() throws Exception {
        try (TestNodes nodes = TestNodes.create()) {
            Postgres node = nodes.node("inspected");
            assertEquals(DataDirectoryState.MISSING, node.inspectDataDirectory().status().state());
            node.clusterBootstrap().run();
            DataDirectoryInspection inspection = node.inspectDataDirectory();
            assertEquals(DataDirectoryState.INITIALIZED, inspection.status().state());
            assertNotNull(inspection.controlData());
            assertEquals(inspection.status().systemIdentifier(), inspection.controlData().systemIdentifier().orElseThrow());

            node.replicationSlots().createForMember("node2");
            try (Connection c = TestNodes.connect(node, TestNodes.SUPERUSER); Statement s = c.createStatement()) {
                s.execute("SELECT pg_create_physical_replication_slot('in_flight', true, true)");
                assertEquals(java.util.Map.of("node2", false, "in_flight", true), node.replicationSlots().list().stream()
                        .collect(java.util.stream.Collectors.toMap(ReplicationSlot::name, ReplicationSlot::temporary)));
            }
        }
    }

    @Test
    void aFailedBootstrapsDataDirectoryIsMovedAsideNotDeleted() throws Exception {
        try (TestNodes nodes = TestNodes.create()) {
            Postgres node = nodes.node("failed");
            node.clusterBootstrap().initdb();
            Path moved = node.moveDataDirectoryAside();
            assertFalse(Files.exists(node.settings().dataDir()));
            assertTrue(Files.isRegularFile(moved.resolve("PG_VERSION")), moved.toString());
            assertTrue(moved.getFileName().toString().endsWith(".failed"));
        }
    }

    private static int agentConnections(Postgres node) throws Exception {
        try (Connection c = TestNodes.connect(node, TestNodes.SUPERUSER); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgha'"
                     + " AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
