package io.pgha.postgres;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The postmaster's life cycle through pg_ctl (start, stop, promote, reload), readiness through the
 * lock file and pg_isready. The postmaster is detached from the agent: it survives an agent restart.
 */
final class PostgresProcess {
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final long STOP_POLL_MILLIS = 10;

    private final PostgresSettings settings;
    private final Commands commands;

    PostgresProcess(PostgresSettings settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /** The lock file of a live postmaster; empty when none runs on the data directory. */
    Optional<PostmasterPid> postmaster() {
        return PostmasterPid.read(settings.dataDir()).filter(pid -> pid.process().isPresent());
    }

    boolean isRunning() {
        return postmaster().isPresent();
    }

    /**
     * Starts the postmaster with the guarded parameters on its command line and waits up to
     * {@code timeout} for it to accept connections.
     */
    StartOutcome start(ServerParameters parameters, Duration timeout) {
        postmaster().ifPresent(pid -> {
            throw new PostgresException("PostgreSQL is already running on " + settings.dataDir() + " (pid " + pid.pid() + ")");
        });
        long logOffset = logSize();
        List<String> command = List.of(settings.binary("pg_ctl"), "start", "-D", settings.dataDir().toString(),
                "-w", "-t", String.valueOf(Math.max(1, timeout.toSeconds())),
                "-l", settings.logFile().toString(), "-o", postgresOptions(parameters));
        // the postmaster inherits this environment: keep the agent's locale, as a manual start would
        CommandResult result = commands.runKeepingLocale(command, Map.of(), timeout.plus(GRACE));
        if (result.ok()) {
            return StartOutcome.READY;
        }
        if (isRunning()) {
            return StartOutcome.STILL_STARTING;
        }
        throw new PostgresException("PostgreSQL failed to start: " + startFailure(logOffset, result));
    }

    /** The postmaster's arguments for pg_ctl -o, which passes them through a shell. */
    String postgresOptions(ServerParameters parameters) {
        List<String> options = new ArrayList<>();
        options.add("--config-file=" + settings.configDir().resolve("postgresql.conf"));
        parameters.commandLine().forEach((name, value) -> options.add("--" + name + "=" + value));
        return String.join(" ", options.stream().map(PostgresProcess::shellQuote).toList());
    }

    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Waits up to {@code timeout} for a starting postmaster to accept connections. */
    StartOutcome awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        do {
            Optional<PostmasterPid> pid = postmaster();
            if (pid.isEmpty()) {
                throw new PostgresException("PostgreSQL is not running: " + lastLogLine(0));
            }
            if (pid.get().acceptsConnections() && isReady()) {
                return StartOutcome.READY;
            }
            sleep(200);
        } while (Instant.now().isBefore(deadline));
        return StartOutcome.STILL_STARTING;
    }

    /** pg_isready against the local listen address: the server accepts connections. */
    boolean isReady() {
        CommandResult result = commands.run(List.of(settings.binary("pg_isready"),
                "-h", settings.listen().localHost(), "-p", String.valueOf(settings.listen().port()),
                "-d", settings.database(), "-U", settings.authentication().superuser().username(), "-t", "5"),
                Map.of(), Duration.ofSeconds(10));
        return result.ok();
    }

    StopOutcome stop(StopMode mode, Duration timeout) {
        Optional<PostmasterPid> before = postmaster();
        if (before.isEmpty()) {
            return StopOutcome.ALREADY_STOPPED;
        }
        // pg_ctl only signals; the wait is ours: pg_ctl -w looks every 100 ms, and a switchover waits
        // for exactly this moment (the replicas have the shutdown checkpoint once the postmaster is gone)
        Instant deadline = Instant.now().plus(timeout);
        CommandResult result = signalStop(mode, before.get());
        if (!awaitGone(deadline)) {
            throw new PostgresException("PostgreSQL (pid " + before.get().pid() + ") did not stop in " + mode.pgCtlName()
                    + " mode within " + Commands.seconds(timeout) + (result.ok() ? "" : ": " + result.reason()));
        }
        return StopOutcome.STOPPED;
    }

    /** pg_ctl stop without waiting: asks the postmaster to shut down in {@code mode}. */
    CommandResult signalStop(StopMode mode, PostmasterPid postmaster) {
        CommandResult result = commands.run(List.of(settings.binary("pg_ctl"), "stop", "-D", settings.dataDir().toString(),
                "-m", mode.pgCtlName(), "-W"), Map.of(), GRACE);
        if (!result.ok() && isRunning()) {
            throw new PostgresException("could not stop PostgreSQL (pid " + postmaster.pid() + "): " + result.reason());
        }
        return result;
    }

    /** Waits until no postmaster runs on the data directory; false when one still does at {@code deadline}. */
    boolean awaitGone(Instant deadline) {
        while (isRunning()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            sleep(STOP_POLL_MILLIS);
        }
        return true;
    }

    /** SIGKILL to the postmaster and its children: the last resort when a stop does not finish. */
    boolean kill() {
        Optional<ProcessHandle> process = postmaster().flatMap(PostmasterPid::process);
        process.ifPresent(p -> {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            // children left behind would hold the shared memory and stop the next start
            Stream.concat(Stream.of(p), children.stream()).forEach(h ->
                    h.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join());
        });
        return process.isPresent();
    }

    /** Asks a standby to leave recovery; returns once the request is delivered. */
    void promote() {
        CommandResult result = commands.run(List.of(settings.binary("pg_ctl"), "promote", "-D",
                settings.dataDir().toString(), "-W"), Map.of(), Duration.ofSeconds(30));
        if (!result.ok()) {
            throw new PostgresException("promote failed: " + result.failure());
        }
    }

    /** SIGHUP: the postmaster re-reads its configuration files. */
    void reload() {
        CommandResult result = commands.run(List.of(settings.binary("pg_ctl"), "reload", "-D",
                settings.dataDir().toString()), Map.of(), Duration.ofSeconds(30));
        if (!result.ok()) {
            throw new PostgresException("reload failed: " + result.failure());
        }
    }

    private String startFailure(long logOffset, CommandResult result) {
        String fromLog = lastLogLine(logOffset);
        return fromLog.isEmpty() ? result.reason() : fromLog + " (log: " + settings.logFile() + ")";
    }

    /** The most telling line the postmaster wrote to its log since {@code offset}. */
    String lastLogLine(long offset) {
        if (!Files.isRegularFile(settings.logFile())) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(settings.logFile().toFile(), "r")) {
            long start = Math.max(offset, file.length() - 64 * 1024);
            file.seek(Math.min(start, file.length()));
            byte[] bytes = new byte[(int) (file.length() - file.getFilePointer())];
            file.readFully(bytes);
            String text = commands.redactor().redact(new String(bytes, StandardCharsets.UTF_8));
            return text.isBlank() ? "" : logReason(text);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The server's complaints in a piece of its log, without line prefixes: FATAL/PANIC/ERROR
     * lines, with their DETAIL/HINT, and the LOG lines naming a bad setting that precede a
     * "configuration file contains errors".
     */
    static String logReason(String text) {
        List<String> parts = new ArrayList<>();
        boolean afterProblem = false;
        for (String line : text.lines().toList()) {
            String message = null;
            for (String severity : List.of("PANIC:", "FATAL:", "ERROR:", "LOG:", "DETAIL:", "HINT:")) {
                int at = line.indexOf(severity);
                if (at >= 0) {
                    message = line.substring(at).replaceAll("\\s+", " ").strip();
                    break;
                }
            }
            if (message == null) {
                continue;
            }
            boolean problem = message.startsWith("PANIC") || message.startsWith("FATAL") || message.startsWith("ERROR")
                    || (message.startsWith("LOG") && message.matches("(?i).*(invalid|unrecognized|could not|cannot|out of range|must be).*"));
            if (problem || (afterProblem && (message.startsWith("DETAIL") || message.startsWith("HINT")))) {
                parts.add(message);
            }
            afterProblem = problem || (afterProblem && (message.startsWith("DETAIL") || message.startsWith("HINT")));
        }
        List<String> last = parts.subList(Math.max(0, parts.size() - 4), parts.size());
        return String.join("; ", last);
    }

    private long logSize() {
        try {
            return Files.isRegularFile(settings.logFile()) ? Files.size(settings.logFile()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PostgresException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
