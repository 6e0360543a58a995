package io.pgha.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion (stdin closed), with a deadline. */
public final class Commands {
    private Commands() {
    }

    public static CommandResult run(List<String> command, Duration timeout) {
        return run(command, timeout, null, Map.of());
    }

    /**
     * Runs {@code command} in {@code workDir} (null: the current one) with {@code env} applied on top
     * of this JVM's environment; a null value removes that variable. A command still running after
     * {@code timeout} is killed with its descendants and the call fails.
     */
    public static CommandResult run(List<String> command, Duration timeout, Path workDir, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        env.forEach((name, value) -> {
            if (value == null) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        return await(process, command, timeout);
    }

    /** Waits for an already started process the same way {@link #run} does. */
    public static CommandResult await(Process process, List<String> command, Duration timeout) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing to close: the process may be gone already
        }
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(command + " still running after " + timeout + "; killed it."
                        + " Output so far:\n" + stdout.getNow("") + stderr.getNow(""));
            }
            return new CommandResult(process.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot read the output of " + command, e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output lost: " + e.getMessage() + ")";
        }
    }
}
