package io.pgha.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The temporary directories of the fixtures, each marked with the JVM that owns it. A test JVM that is
 * killed (a Maven run aborted with kill -9, a fork timeout) runs no shutdown hook, and the etcd, agents
 * and postmasters it started keep running and holding ports for hours. So the first fixture of every test
 * JVM looks for directories whose owner is gone and kills what still runs from them, then deletes them.
 * Directories without an owner mark (another checkout's fixtures) are left alone.
 */
public final class FixtureDirectories {
    static final String OWNER_FILE = ".owner";
    private static final String FAMILY = "pgha-";
    private static boolean swept;

    private FixtureDirectories() {
    }

    /** A new directory under java.io.tmpdir named {@code prefix}…, owned by this JVM. */
    public static Path create(String prefix) {
        if (!prefix.startsWith(FAMILY)) {
            throw new IllegalArgumentException("fixture directories start with " + FAMILY + ": " + prefix);
        }
        sweepOnce();
        try {
            Path dir = Files.createTempDirectory(prefix);
            ProcessHandle me = ProcessHandle.current();
            Files.writeString(dir.resolve(OWNER_FILE), me.pid() + " " + startOf(me).map(Instant::toString).orElse("?"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void sweepOnce() {
        if (!swept) {
            swept = true;
            sweep(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** Kills the processes of every fixture directory under {@code tmp} whose owner has died; returns how many dirs. */
    static int sweep(Path tmp) {
        List<Path> orphans;
        try (Stream<Path> entries = Files.list(tmp)) {
            orphans = entries.filter(p -> p.getFileName().toString().startsWith(FAMILY))
                    .filter(FixtureDirectories::ownerIsGone).toList();
        } catch (IOException e) {
            return 0; // an unreadable tmp directory only means nothing is swept
        }
        for (Path orphan : orphans) {
            killProcessesUsing(orphan);
            if (!Boolean.getBoolean("pgha.keepClusterDir")) {
                EtcdFixture.deleteTree(orphan);
            }
        }
        return orphans.size();
    }

    private static boolean ownerIsGone(Path dir) {
        String[] owner;
        try {
            owner = Files.readString(dir.resolve(OWNER_FILE)).trim().split(" ");
        } catch (IOException noMark) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(owner[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(p -> Pids.isRunning(p.pid()));
        if (process.isEmpty()) {
            return true;
        }
        // The same PID with another start time is a new process that reused it.
        Optional<String> started = startOf(process.get()).map(Instant::toString);
        return owner.length > 1 && !owner[1].equals("?") && started.isPresent() && !started.get().equals(owner[1]);
    }

    private static void killProcessesUsing(Path dir) {
        String marker = dir + "/";
        List<ProcessHandle> users = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
        for (ProcessHandle user : users) {
            List<ProcessHandle> children = user.descendants().toList();
            user.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        users.forEach(p -> Pids.awaitGone(p.pid(), java.time.Duration.ofSeconds(10)));
    }

    private static Optional<Instant> startOf(ProcessHandle process) {
        return process.info().startInstant();
    }
}
