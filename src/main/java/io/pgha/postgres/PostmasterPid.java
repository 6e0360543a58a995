package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The postmaster.pid lock file of a data directory: pid, start time, port, socket directory,
 * listen address and (PG 10+) the postmaster's status: {@code starting}, {@code stopping},
 * {@code ready} or {@code standby}.
 */
public record PostmasterPid(long pid, Path dataDir, Instant startTime, int port, String socketDir,
        String listenAddress, String status) {

    public static final String READY = "ready";
    public static final String STANDBY = "standby";
    public static final String STARTING = "starting";
    public static final String STOPPING = "stopping";

    /** The lock file's content; empty when there is none or it is still being written. */
    public static Optional<PostmasterPid> read(Path dataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PostgresException("cannot read " + dataDir.resolve("postmaster.pid") + ": " + e.getMessage(), e);
        }
        return parse(lines);
    }

    static Optional<PostmasterPid> parse(List<String> lines) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).strip());
            if (pid <= 0) {
                return Optional.empty();
            }
            return Optional.of(new PostmasterPid(pid,
                    Path.of(line(lines, 1)),
                    line(lines, 2).isEmpty() ? null : Instant.ofEpochSecond(Long.parseLong(line(lines, 2))),
                    line(lines, 3).isEmpty() ? 0 : Integer.parseInt(line(lines, 3)),
                    line(lines, 4), line(lines, 5), line(lines, 7)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String line(List<String> lines, int index) {
        return index < lines.size() ? lines.get(index).strip() : "";
    }

    /** The process, when it still exists and is a PostgreSQL server (not a recycled pid). */
    public Optional<ProcessHandle> process() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(PostmasterPid::looksLikePostgres);
    }

    public boolean acceptsConnections() {
        return READY.equals(status) || STANDBY.equals(status);
    }

    private static boolean looksLikePostgres(ProcessHandle handle) {
        // the command is unknown for other users' processes; then trust the pid
        return handle.info().command()
                .map(command -> {
                    String name = Path.of(command).getFileName().toString();
                    return name.equals("postgres") || name.equals("postmaster");
                })
                .orElse(true);
    }
}
