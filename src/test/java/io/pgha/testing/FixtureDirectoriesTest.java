package io.pgha.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureDirectoriesTest {
    @TempDir
    Path tmp;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void processesLeftByADeadTestJvmAreKilledAndTheirDirectoryRemoved() throws Exception {
        Process deadOwner = start(List.of("sleep", "60"));
        String ownerMark = deadOwner.pid() + " " + deadOwner.info().startInstant().orElseThrow();
        deadOwner.destroyForcibly().waitFor();
        Path orphan = fixtureDir("pgha-cluster-orphan", ownerMark);
        Process leftBehind = processUsing(orphan);

        assertEquals(1, FixtureDirectories.sweep(tmp));

        assertTrue(Pids.awaitGone(leftBehind.pid(), Duration.ofSeconds(10)), "the orphaned process still runs");
        assertFalse(Files.exists(orphan), "the orphaned directory is still there");
    }

    @Test
    void directoriesOfLiveOrUnknownOwnersAreLeftAlone() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        Path mine = fixtureDir("pgha-cluster-mine", me.pid() + " " + me.info().startInstant().orElseThrow());
        Path unmarked = Files.createDirectory(tmp.resolve("pgha-cluster-unmarked"));
        Process mineRunning = processUsing(mine);
        Process unmarkedRunning = processUsing(unmarked);

        assertEquals(0, FixtureDirectories.sweep(tmp));

        assertTrue(mineRunning.isAlive() && unmarkedRunning.isAlive(), "a process of a live or unmarked fixture was killed");
        assertTrue(Files.exists(mine) && Files.exists(unmarked));
    }

    @Test
    void aReusedPidIsNotMistakenForTheOwner() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        Path reused = fixtureDir("pgha-pg-reused", me.pid() + " 2001-01-01T00:00:00Z");
        Process leftBehind = processUsing(reused);

        assertEquals(1, FixtureDirectories.sweep(tmp));

        assertTrue(Pids.awaitGone(leftBehind.pid(), Duration.ofSeconds(10)));
    }

    private Path fixtureDir(String name, String ownerMark) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.writeString(dir.resolve(FixtureDirectories.OWNER_FILE), ownerMark);
        return dir;
    }

    /** A long-running process whose command line names a file in {@code dir}, as a postmaster's -D does. */
    private Process processUsing(Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("server.log"), "");
        return start(List.of("tail", "-f", log.toString()));
    }

    private Process start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }
}
