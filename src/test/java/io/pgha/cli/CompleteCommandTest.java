package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.FreePorts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hidden command the shell completion calls: invisible to people, silent on failure, quick. */
class CompleteCommandTest {

    @Test
    void helpDoesNotShowIt() {
        CliRun run = CliRun.pgha("--help");
        assertEquals(0, run.exitCode(), run.toString());
        assertFalse(run.out().contains("__complete"), run.out());
    }

    @Test
    void unreachableEtcdPrintsNothingWithinItsTimeout() {
        long start = System.nanoTime();
        CliRun run = CliRun.pgha("-d", "etcd3://127.0.0.1:" + FreePorts.next(), "--dcs-timeout", "1", "__complete", "clusters");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals("", run.out());
        assertEquals("", run.err());
        assertEquals(ExitCode.ERROR, run.exitCode());
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
    }

    @Test
    void aMissingConfigFilePrintsNothing() {
        CliRun run = CliRun.pgha("-c", "/nonexistent/patroni.yml", "__complete", "members", "demo");
        assertEquals("", run.out());
        assertEquals("", run.err());
    }
}
