package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A two-member cluster driven only through the facade, step by step as the agent would: bootstrap,
 * clone a streaming replica on a slot, promote it, rewind the old primary and make it follow, then
 * a parameter change that needs a restart. Each step builds on the previous one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresLifecycleIT {
    private TestNodes nodes;
    private Postgres node1;
    private Postgres node2;

    @BeforeAll
    void createNodes() {
        nodes = TestNodes.create();
        node1 = nodes.node("node1");
        node2 = nodes.node("node2");
    }

    @AfterAll
    void removeNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void bootstrapCreatesARunningPrimaryWithItsRoles() throws SQLException {
        assertEquals(DataDirectoryState.MISSING, node1.dataDirectoryState().state());
        long started = System.nanoTime();
        node1.clusterBootstrap().run();
        System.out.printf("bootstrap (initdb + start + roles) took %d ms%n", (System.nanoTime() - started) / 1_000_000);

        DataDirectoryStatus directory = node1.dataDirectoryState();
        assertEquals(DataDirectoryState.INITIALIZED, directory.state());
        assertEquals(15, directory.majorVersion());
        LocalPostgresStatus status = node1.status();
        assertEquals(PostmasterState.RUNNING, status.state(), status.error());
        assertEquals("primary", status.role());
        assertEquals(1, status.timeline());
        assertTrue(status.serverVersion() >= 150000 && status.serverVersion() < 160000, "version " + status.serverVersion());
        assertEquals(directory.systemIdentifier(), status.systemIdentifier());
        assertTrue(status.walPosition() > 0);
        assertEquals(status.walPosition(), status.xlogLocation());
        assertNotNull(status.postmasterStartTime());
        assertTrue(LocalPostgresStatus.formatTime(status.postmasterStartTime())
                .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00"));
        assertEquals(node1.postmaster().orElseThrow().pid(), status.postmasterPid());
        assertNull(status.replicationState());
        assertFalse(status.isPendingRestart(), status.pendingRestart().toString());

        try (Connection replicator = TestNodes.connect(node1, TestNodes.REPLICATION);
                Statement statement = replicator.createStatement();
                ResultSet rs = statement.executeQuery("SELECT rolreplication, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1), "the replication role may replicate");
            assertFalse(rs.getBoolean(2));
        }
        try (Connection rewinder = TestNodes.connect(node1, TestNodes.REWIND);
                Statement statement = rewinder.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM pg_ls_dir('global', true, false)")) {
            assertTrue(rs.next());
            assertTrue(rs.getInt(1) > 0, "the rewind role may list the data directory as pg_rewind does");
        }
    }

    @Test
    @Order(2)
    void aClonedReplicaStreamsThroughItsSlot() throws SQLException {
        assertTrue(node1.replicationSlots().createForMember("node2"), "slot created");
        assertFalse(node1.replicationSlots().createForMember("node2"), "creating it again is a no-op");

        long started = System.nanoTime();
        node2.replicaSetup().cloneFrom(TestNodes.upstream(node1), Duration.ofMinutes(2));
        System.out.printf("clone (pg_basebackup) took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertEquals(node1.dataDirectoryState().systemIdentifier(), node2.dataDirectoryState().systemIdentifier());

        started = System.nanoTime();
        assertEquals(StartOutcome.READY, node2.start(PostgresRole.REPLICA,
                Optional.of(TestNodes.upstream(node1).withSlot(SlotNames.forMember("node2")))));
        System.out.printf("replica start took %d ms%n", (System.nanoTime() - started) / 1_000_000);

        LocalPostgresStatus replica = await("node2 streaming", node2::status, s -> "streaming".equals(s.replicationState()));
        assertEquals("replica", replica.role());
        assertEquals(1, replica.timeline());
        assertEquals("node2", replica.walReceiver().slotName());
        assertEquals(node1.settings().listen().port(), replica.walReceiver().senderPort());
        assertNotNull(replica.receivedLsn());
        assertNotNull(replica.replayedLsn());
        assertFalse(replica.replayPaused());
        assertNull(replica.walPosition());

        LocalPostgresStatus primary = await("node1 sees node2", node1::status, s -> !s.replication().isEmpty());
        ReplicationRow row = primary.replication().get(0);
        assertEquals("node2", row.applicationName());
        assertEquals("replicator", row.usename());
        assertEquals("127.0.0.1", row.clientAddr());
        assertEquals("async", row.syncState());
        ReplicationSlot slot = node1.replicationSlots().list().stream().filter(s -> s.name().equals("node2")).findFirst().orElseThrow();
        assertTrue(slot.isPhysical());
        assertTrue(slot.active(), "the replica streams through its slot");
        assertNotNull(slot.restartLsn());

        execute(node1, "CREATE TABLE t(v text)", "INSERT INTO t VALUES ('written on node1')");
        await("row replicated", () -> rows(node2), r -> r.contains("written on node1"));
    }

    @Test
    @Order(3)
    void passwordsAppearInNoProcessListingNorFile() throws Exception {
        Process ps = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
        String listing = new String(ps.getInputStream().readAllBytes());
        ps.waitFor();
        assertTrue(listing.contains("walreceiver") || listing.contains("postgres"), "ps shows the servers");
        for (String password : TestNodes.PASSWORDS) {
            assertFalse(listing.contains(password), "a password is visible in ps output");
        }
        for (Postgres node : List.of(node1, node2)) {
            for (String file : List.of("postgresql.conf", "postgresql.base.conf", "pg_hba.conf", "postgresql.auto.conf")) {
                String text = java.nio.file.Files.readString(node.settings().dataDir().resolve(file));
                TestNodes.PASSWORDS.forEach(p -> assertFalse(text.contains(p), file + " holds a password"));
            }
            String log = java.nio.file.Files.readString(node.settings().logFile());
            TestNodes.PASSWORDS.forEach(p -> assertFalse(log.contains(p), "the server log holds a password"));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(node.settings().pgpass())));
        }
    }

    @Test
    @Order(4)
    void promotedReplicaIsPrimaryOnTimelineTwo() {
        assertTrue(node2.promote(Duration.ofSeconds(30)), "pg_control says in production");
        LocalPostgresStatus status = node2.status();
        assertEquals("primary", status.role());
        assertEquals(2, status.timeline(), "a promotion starts a new timeline");
        assertNull(status.replicationState());
        assertEquals(ControlData.ClusterState.IN_PRODUCTION, node2.controlData().clusterState());
        SystemIdentity identity = node1.timelines().identifySystem(TestNodes.upstream(node2));
        assertEquals(2, identity.timeline());
        assertEquals(status.systemIdentifier(), identity.systemIdentifier());
        List<TimelineHistory.Entry> history = node1.timelines().history(TestNodes.upstream(node2), 2);
        assertEquals(1, history.size(), history.toString());
        assertEquals(1, history.get(0).parentTimeline());
        assertTrue(history.get(0).switchLsn() > 0 && history.get(0).switchLsn() <= identity.walPosition());
        assertEquals(history, node2.timelines().localHistory(2), "the same file, read locally");
        execute(node2, "INSERT INTO t VALUES ('written on node2 after promotion')");
        node2.checkpoint();
        assertEquals(2, node2.controlData().latestCheckpointTimeline(), "checkpoint after promote records the timeline");
    }

    @Test
    @Order(5)
    void oldPrimaryIsRewoundAndFollowsTheNewOne() {
        execute(node1, "INSERT INTO t VALUES ('lost on node1')");
        assertEquals(StopOutcome.STOPPED, node1.stop(StopMode.FAST));
        assertEquals(StopOutcome.ALREADY_STOPPED, node1.stop(StopMode.FAST));
        ControlData stopped = node1.controlData();
        assertEquals(ControlData.ClusterState.SHUT_DOWN, stopped.clusterState());
        assertEquals(1, stopped.latestCheckpointTimeline());
        assertTrue(stopped.rewindCapable(), "wal_log_hints is on by default");

        assertTrue(node2.replicationSlots().createForMember("node1"));
        long started = System.nanoTime();
        String output = node1.replicaSetup().rewindFrom(TestNodes.upstream(node2), Duration.ofMinutes(2));
        System.out.printf("pg_rewind took %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertTrue(output.contains("Done!"), output);

        assertEquals(StartOutcome.READY, node1.start(PostgresRole.REPLICA,
                Optional.of(TestNodes.upstream(node2).withSlot(SlotNames.forMember("node1")))));
        LocalPostgresStatus follower = await("node1 streams from node2", node1::status,
                s -> "streaming".equals(s.replicationState()));
        assertEquals(2, follower.timeline());
        assertEquals(node2.settings().listen().port(), follower.walReceiver().senderPort());
        execute(node2, "INSERT INTO t VALUES ('written on node2 after rewind')");
        List<String> rows = await("node1 replays node2's writes", () -> rows(node1),
                r -> r.contains("written on node2 after rewind"));
        assertTrue(rows.contains("written on node2 after promotion"));
        assertFalse(rows.contains("lost on node1"), "the diverged write is rewound away");
    }

    @Test
    @Order(6)
    void parameterNeedingRestartIsReportedAfterReloadAndClearedByRestart() {
        Postgres changed = node2.withSettings(node2.settings().toBuilder()
                .parameter("shared_buffers", "64MB").parameter("max_connections", 120).parameter("work_mem", "8MB").build());
        assertTrue(changed.writeConfiguration(PostgresRole.PRIMARY, Optional.empty()).isEmpty());
        changed.reload();
        LocalPostgresStatus status = changed.status();
        assertEquals(new PendingChange("128MB", "64MB"), status.pendingRestart().get("shared_buffers"), status.pendingRestart().toString());
        assertEquals(new PendingChange("100", "120"), status.pendingRestart().get("max_connections"));
        assertFalse(status.pendingRestart().containsKey("work_mem"), "work_mem applies on reload");
        assertEquals("8MB", scalar(node2, "SHOW work_mem"));

        assertEquals(StopOutcome.STOPPED, changed.stop(StopMode.FAST));
        assertEquals(StartOutcome.READY, changed.start(PostgresRole.PRIMARY, Optional.empty()));
        LocalPostgresStatus restarted = changed.status();
        assertFalse(restarted.isPendingRestart(), restarted.pendingRestart().toString());
        assertEquals("120", scalar(node2, "SHOW max_connections"));
        await("node1 reconnects to the restarted primary", node1::status, s -> "streaming".equals(s.replicationState()));
    }

    @Test
    @Order(7)
    void aReplicaWithFewerConnectionsThanItsPrimaryStartsWithThePrimarysValue() {
        assertEquals(StopOutcome.STOPPED, node1.stop(StopMode.IMMEDIATE));
        assertEquals(StartOutcome.READY, node1.start(PostgresRole.REPLICA,
                Optional.of(TestNodes.upstream(node2).withSlot("node1"))));
        assertEquals("120", scalar(node1, "SHOW max_connections"), "raised to what the primary has");
        LocalPostgresStatus status = node1.status();
        assertEquals(new PendingChange("120", "100"), status.pendingRestart().get("max_connections"),
                "configured 100 waits for the next restart");
    }

    // ---- helpers

    private static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plusSeconds(60);
        T last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.get();
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                last = null;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail(what + ": not reached within 60 s; last: " + last);
    }

    private static void execute(Postgres node, String... sql) {
        try (Connection connection = TestNodes.connect(node, TestNodes.SUPERUSER); Statement statement = connection.createStatement()) {
            for (String s : sql) {
                statement.execute(s);
            }
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String scalar(Postgres node, String sql) {
        try (Connection connection = TestNodes.connect(node, TestNodes.SUPERUSER); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static List<String> rows(Postgres node) {
        try (Connection connection = TestNodes.connect(node, TestNodes.SUPERUSER); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT v FROM t ORDER BY v")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
