package io.pgha.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process started by a test fixture, with its output in a log file. Closing it kills the
 * whole process tree; a JVM shutdown hook does the same if a test dies before closing it.
 */
public final class ManagedProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Thread reaper;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.reaper = new Thread(this::kill, "reap-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts {@code command}, failing clearly when the executable does not exist. */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Path log) {
        return start(name, command, workDir, log, java.util.Map.of());
    }

    /** As {@link #start(String, List, Path, Path)}, with {@code environment} added to this process's. */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Path log,
                                       java.util.Map<String, String> environment) {
        Path executable = Path.of(command.get(0));
        if (executable.isAbsolute() && !Files.isExecutable(executable)) {
            throw new IllegalStateException(name + ": " + executable
                    + " is missing; install it (dist/dev/test installs every test dependency)");
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment);
            Process process = builder
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new ManagedProcess(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot start " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    /** The last lines of the log, for assertion messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGTERM to the process and waits up to {@code timeout}; then kills the tree. */
    public void stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL to the process and all its descendants. */
    public void kill() {
        // The parent goes first so it cannot fork replacements for the children killed after it;
        // the snapshot is taken before, as orphans are no longer its descendants.
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.forEach(d -> Pids.awaitGone(d.pid(), Duration.ofSeconds(10)));
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
