package io.pgha.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether a process still runs. A killed process whose parent has died waits as a zombie until
 * PID 1 reaps it, which this machine's init does slowly; ProcessHandle calls that alive.
 */
public final class Pids {
    private Pids() {
    }

    /** True when {@code pid} exists and is not a zombie. */
    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The state follows the command name, which is in parentheses and may hold spaces.
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits up to {@code timeout} for {@code pid} to stop running; true if it did. */
    public static boolean awaitGone(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(pid);
            }
        }
        return true;
    }
}
