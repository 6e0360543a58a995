package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

/**
 * What the agent sees when things go wrong on one member: data directories in every state, a
 * postmaster that cannot start, a wrong password, an unreachable clone source, crash and kill.
 * Every error is one line and holds no password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFailuresIT {
    private TestNodes nodes;
    private Postgres primary;

    @BeforeAll
    void bootstrap() {
        nodes = TestNodes.create();
        primary = nodes.node("primary");
        primary.clusterBootstrap().run();
    }

    @AfterAll
    void removeNodes() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void dataDirectoryStatesAreTellApart() throws IOException {
        Postgres node = nodes.node("states");
        Path data = node.settings().dataDir();
        assertEquals(DataDirectoryState.MISSING, node.dataDirectoryState().state());
        Files.createDirectories(data.resolve("lost+found"));
        Files.writeString(data.resolve(".keep"), "");
        assertEquals(DataDirectoryState.EMPTY, node.dataDirectoryState().state(), "hidden files and lost+found only");
        Files.writeString(data.resolve("PG_VERSION"), "15\n");
        DataDirectoryStatus invalid = node.dataDirectoryState();
        assertEquals(DataDirectoryState.INVALID, invalid.state());
        assertTrue(invalid.detail().contains("pg_control"), invalid.detail());
        assertEquals(DataDirectoryState.INITIALIZED, primary.dataDirectoryState().state());

        String message = failure(() -> node.start(PostgresRole.PRIMARY, Optional.empty()));
        assertTrue(message.startsWith("cannot start PostgreSQL: "), message);
        message = failure(() -> node.clusterBootstrap().initdb());
        assertEquals("cannot initdb: data directory " + data + " is not empty (invalid)", message);
        node.removeDataDirectory();
        assertEquals(DataDirectoryState.EMPTY, node.dataDirectoryState().state());
        assertTrue(Files.isDirectory(data), "the directory itself stays (it may be a mount point)");
    }

    @Test
    void aPostmasterThatCannotStartIsReportedWithItsLogLine() {
        Postgres node = nodes.track(new Postgres(nodes.settings("broken").build()));
        node.clusterBootstrap().initdb();
        Postgres broken = node.withSettings(node.settings().toBuilder().parameter("work_mem", "lots").build());
        String message = failure(() -> broken.start(PostgresRole.PRIMARY, Optional.empty()));
        assertTrue(message.startsWith("PostgreSQL failed to start: "), message);
        assertTrue(message.contains("work_mem"), message);
        assertFalse(broken.isRunning());
        assertEquals(StartOutcome.READY, node.start(PostgresRole.PRIMARY, Optional.empty()), "fixed configuration starts");
    }

    @Test
    void aWrongPasswordMakesTheStatusUnknownWithoutShowingAnyPassword() {
        Authentication wrong = new Authentication(new Credentials("postgres", "Wrong-Pa55-xyz"), TestNodes.REPLICATION, null);
        PostgresSettings settings = primary.settings();
        Postgres impostor = new Postgres(new PostgresSettings(settings.scope(), settings.name(), settings.binDir(),
                settings.dataDir(), settings.configDir(), settings.listen(), settings.connectAddress(),
                settings.unixSocketDir(), settings.database(), settings.parameters(), settings.recoveryConf(),
                settings.pgHba(), settings.pgIdent(), wrong, settings.initdbOptions(), settings.bootstrapPgHba(),
                settings.basebackupOptions(), settings.rewindOptions(), settings.usePgRewind(), settings.useSlots(),
                settings.dataDir().resolveSibling("impostor-pgpass"), settings.pgCtlTimeout(), settings.logFile()),
                Duration.ofSeconds(5));
        LocalPostgresStatus status = impostor.status();
        assertEquals(PostmasterState.UNKNOWN, status.state());
        assertTrue(status.error().contains("password authentication failed for user \"postgres\""), status.error());
        assertFalse(status.error().contains("Wrong-Pa55-xyz"), status.error());
        assertFalse(status.error().contains("\n"), "one line");
        String message = failure(impostor::checkpoint);
        assertFalse(message.contains("Wrong-Pa55-xyz"), message);
    }

    @Test
    void anUnreachableCloneSourceFailsAfterTwoAttemptsAndLeavesTheDirectoryEmpty() {
        Postgres node = nodes.node("orphan");
        Upstream nowhere = Upstream.of("ghost", "127.0.0.1", FreePorts.next());
        String message = failure(() -> node.replicaSetup().cloneFrom(nowhere, Duration.ofSeconds(20)));
        assertTrue(message.startsWith("cloning from ghost (127.0.0.1:" + nowhere.port() + ") failed after 2 attempts: "
                + "pg_basebackup exited with code 1: "), message);
        assertTrue(message.contains("Connection refused"), message);
        assertEquals(DataDirectoryState.EMPTY, node.dataDirectoryState().state());
    }

    @Test
    void aReadOnlyReplicaWithoutUpstreamIsInArchiveRecovery() {
        Postgres node = nodes.node("readonly");
        node.replicaSetup().cloneFrom(TestNodes.upstream(primary), Duration.ofMinutes(2));
        assertEquals(StartOutcome.READY, node.start(PostgresRole.REPLICA, Optional.empty()));
        LocalPostgresStatus status = node.status();
        assertEquals("replica", status.role());
        assertEquals("in archive recovery", status.replicationState());
        assertEquals(null, status.walReceiver());
        assertEquals(1, status.timeline());
        assertTrue(failure(() -> node.replicaSetup().rewindFrom(TestNodes.upstream(primary))).startsWith("cannot rewind while PostgreSQL runs"));
        assertTrue(failure(node::removeDataDirectory).startsWith("refusing to remove"));
        String promoteTwice = failure(() -> primary.promote(Duration.ofSeconds(1)));
        assertTrue(promoteTwice.contains("not in standby mode"), promoteTwice);
    }

    @Test
    void anImmediateStopOrAKillLeavesACrashedClusterThatStartsAgain() {
        Postgres node = nodes.node("crashy");
        node.replicaSetup().cloneFrom(TestNodes.upstream(primary), Duration.ofMinutes(2));
        assertEquals(StartOutcome.READY, node.start(PostgresRole.PRIMARY, Optional.empty()));
        assertEquals(StopOutcome.STOPPED, node.stop(StopMode.IMMEDIATE));
        assertEquals(ControlData.ClusterState.IN_PRODUCTION, node.controlData().clusterState(), "no shutdown checkpoint");
        assertEquals(StartOutcome.READY, node.start(PostgresRole.PRIMARY, Optional.empty()));

        long pid = node.postmaster().orElseThrow().pid();
        assertTrue(node.kill());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postmaster killed");
        assertEquals(PostmasterState.STOPPED, node.status().state());
        assertFalse(node.kill(), "nothing left to kill");
        assertEquals(StartOutcome.READY, node.start(PostgresRole.PRIMARY, Optional.empty()));
        assertEquals("primary", node.status().role());
    }

    /** Runs {@code action}, expecting a PostgresException: its message, checked for one line and no password. */
    private static String failure(Executable action) {
        PostgresException e = assertThrows(PostgresException.class, action);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), "one line: " + message);
        for (String password : TestNodes.PASSWORDS) {
            assertFalse(message.contains(password), "password in message: " + message);
        }
        return message;
    }
}
