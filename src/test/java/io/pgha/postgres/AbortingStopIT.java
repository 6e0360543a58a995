package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * primary_stop_timeout's stop on a real PostgreSQL 15: a stop that finishes in time is a plain stop; one
 * that hangs is aborted with an immediate shutdown; a postmaster that does not even react to that is
 * killed with its children, and the data directory starts again with every committed row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbortingStopIT {
    private static final Duration LIMIT = Duration.ofSeconds(2);

    /** Held here: java.util.logging keeps loggers weakly, and a collected one would lose the handler. */
    private final Logger log = Logger.getLogger(AbortingStop.class.getName());
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private TestNodes nodes;
    private Postgres node;

    @BeforeAll
    void bootstrap() {
        log.addHandler(capture);
        nodes = TestNodes.create();
        node = nodes.node("primary");
        node.clusterBootstrap().run();
    }

    /** Each test stops the server in its own way; it starts again for the next (after crash recovery). */
    @BeforeEach
    void running() {
        if (!node.isRunning()) {
            assertEquals(StartOutcome.READY, node.start(PostgresRole.PRIMARY, Optional.empty()));
        }
        warnings.clear();
    }

    @AfterAll
    void removeNode() {
        log.removeHandler(capture);
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aStopThatFinishesInTimeIsAPlainStop() {
        assertEquals(StopOutcome.STOPPED, node.stopOrAbort(StopMode.FAST, LIMIT));
        assertFalse(node.isRunning());
        assertEquals(List.of(), warnings);
        assertEquals(StopOutcome.ALREADY_STOPPED, node.stopOrAbort(StopMode.FAST, LIMIT));
    }

    @Test
    void aStopThatHangsIsAbortedWithAnImmediateShutdown() throws Exception {
        try (Connection idle = TestNodes.connect(node, TestNodes.SUPERUSER)) {
            // a smart shutdown waits for every client session: this one keeps it waiting for ever
            assertEquals(StopOutcome.ABORTED, node.stopOrAbort(StopMode.SMART, LIMIT));
            assertFalse(node.isRunning());
            assertEquals(List.of("Timeout during postmaster stop, aborting Postgres."), warnings);
        }
    }

    @Test
    void aPostmasterDeafToTheImmediateShutdownIsKilledWithItsChildrenAndStartsAgain() throws Exception {
        try (Connection c = TestNodes.connect(node, TestNodes.SUPERUSER); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS acknowledged (id int)");
            s.execute("INSERT INTO acknowledged VALUES (42)");
        }
        PostmasterPid postmaster = PostmasterPid.read(node.settings().dataDir()).orElseThrow();
        List<ProcessHandle> children = ProcessHandle.of(postmaster.pid()).orElseThrow().children().toList();
        assertFalse(children.isEmpty());
        signal("-STOP", postmaster.pid()); // a frozen postmaster takes no signal but SIGKILL

        assertEquals(StopOutcome.KILLED, node.stopOrAbort(StopMode.FAST, LIMIT));
        assertFalse(node.isRunning());
        assertEquals(List.of("Timeout during postmaster stop, aborting Postgres.",
                "Sending SIGKILL to Postmaster and its children"), warnings);
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "child " + child.pid() + " " + child.info().commandLine().orElse(""));
        }

        assertEquals(StartOutcome.READY, node.start(PostgresRole.PRIMARY, Optional.empty()), "crash recovery, then up");
        try (Connection c = TestNodes.connect(node, TestNodes.SUPERUSER); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM acknowledged")) {
            assertTrue(rs.next());
            assertEquals(42, rs.getInt(1));
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }
}
