package io.pgha.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs PostgreSQL's client programs with a time limit. Passwords reach them only through the
 * pgpass file named in PGPASSFILE, never through arguments or PGPASSWORD; output is redacted.
 */
final class Commands {
    private static final int MAX_OUTPUT_BYTES = 256 * 1024;

    private final Path pgpass;
    private final Redactor redactor;

    Commands(Path pgpass, Redactor redactor) {
        this.pgpass = pgpass;
        this.redactor = redactor;
    }

    Redactor redactor() {
        return redactor;
    }

    /** Runs {@code command} with the C locale (parsable messages) plus {@code extraEnv}. */
    CommandResult run(List<String> command, Map<String, String> extraEnv, Duration timeout) {
        Map<String, String> env = new HashMap<>(Map.of("LC_ALL", "C", "LANG", "C"));
        env.putAll(extraEnv);
        return runWithEnv(command, env, timeout);
    }

    /** Runs {@code command} keeping the caller's locale (initdb derives the cluster's from it). */
    CommandResult runKeepingLocale(List<String> command, Map<String, String> extraEnv, Duration timeout) {
        return runWithEnv(command, extraEnv, timeout);
    }

    private CommandResult runWithEnv(List<String> command, Map<String, String> extraEnv, Duration timeout) {
        String program = Path.of(command.get(0)).getFileName().toString();
        Path output = null;
        Process process = null;
        try {
            output = Files.createTempFile("pgha-" + program + "-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.remove("PGPASSWORD");
            env.put("PGPASSFILE", pgpass.toString());
            env.putAll(extraEnv);
            process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new PostgresException(program + " did not finish within " + seconds(timeout)
                        + "; killed it. Last output: " + new CommandResult(command, -1, read(output)).reason());
            }
            return new CommandResult(command, process.exitValue(), read(output));
        } catch (IOException e) {
            throw new PostgresException("cannot run " + command.get(0) + ": " + e.getMessage()
                    + " (is postgresql.bin_dir right?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                killTree(process);
            }
            throw new PostgresException(program + " interrupted; killed it", e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // left for the OS temp cleaner; it only holds a client program's messages
                }
            }
        }
    }

    private String read(Path output) throws IOException {
        long size = Files.size(output);
        byte[] bytes;
        try (InputStream in = Files.newInputStream(output)) {
            // keep the end: errors come last
            in.skipNBytes(Math.max(0, size - MAX_OUTPUT_BYTES));
            bytes = in.readAllBytes();
        }
        return redactor.redact(new String(bytes, StandardCharsets.UTF_8));
    }

    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
