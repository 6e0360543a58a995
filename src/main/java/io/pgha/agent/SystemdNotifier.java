package io.pgha.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Tells systemd how the agent is doing when it runs under {@code Type=notify}: READY=1 after the first
 * HA cycle, WATCHDOG=1 after cycles (when the unit sets {@code WatchdogSec}), STOPPING=1 on a graceful
 * stop, and the last decision as STATUS. Messages go through {@code systemd-notify}, which waits until
 * systemd has read them (the JDK has no Unix datagram sockets); hence {@code NotifyAccess=all} in the unit.
 * Sent from a thread of its own, so the HA loop never waits for systemd.
 */
final class SystemdNotifier implements CycleListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SystemdNotifier.class.getName());
    private static final int STATUS_LIMIT = 200;

    private final String notifyCommand;
    private final long mainPid;
    private final Duration watchdogInterval;
    private final ExecutorService sender;
    private boolean ready;
    private long lastWatchdogNanos;

    private SystemdNotifier(String notifyCommand, long mainPid, Duration watchdogInterval) {
        this.notifyCommand = notifyCommand;
        this.mainPid = mainPid;
        this.watchdogInterval = watchdogInterval;
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "pgha-systemd-notify");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A notifier when systemd asked for notifications (NOTIFY_SOCKET is set), else null. Watchdog pings
     * are sent at most every half of WATCHDOG_USEC, and only when WATCHDOG_PID (if set) is this process.
     */
    static SystemdNotifier fromEnvironment(Map<String, String> env, String notifyCommand) {
        if (env.getOrDefault("NOTIFY_SOCKET", "").isEmpty()) {
            return null;
        }
        long pid = ProcessHandle.current().pid();
        Duration watchdog = null;
        String usec = env.get("WATCHDOG_USEC");
        String watchdogPid = env.get("WATCHDOG_PID");
        if (usec != null && (watchdogPid == null || watchdogPid.equals(Long.toString(pid)))) {
            try {
                watchdog = Duration.ofNanos(Long.parseLong(usec.trim()) * 1000 / 2);
            } catch (NumberFormatException e) {
                LOG.log(System.Logger.Level.WARNING, "ignoring WATCHDOG_USEC=" + usec + ": not a number");
            }
        }
        return new SystemdNotifier(notifyCommand, pid, watchdog);
    }

    @Override
    public synchronized void cycleEnded(String message) {
        List<String> fields = new ArrayList<>();
        if (!ready) {
            ready = true;
            fields.add("READY=1");
        }
        long now = System.nanoTime();
        if (watchdogInterval != null && (lastWatchdogNanos == 0 || now - lastWatchdogNanos >= watchdogInterval.toNanos())) {
            lastWatchdogNanos = now;
            fields.add("WATCHDOG=1");
        }
        if (!fields.isEmpty()) {
            fields.add("STATUS=" + status(message));
            send(fields);
        }
    }

    /** The agent is stopping gracefully: systemd shows it and waits (TimeoutStopSec) instead of killing. */
    synchronized void stopping() {
        send(List.of("STOPPING=1", "STATUS=stopping: handing over and stopping PostgreSQL"));
    }

    private static String status(String message) {
        String oneLine = message == null ? "" : message.replace('\n', ' ');
        return oneLine.length() > STATUS_LIMIT ? oneLine.substring(0, STATUS_LIMIT) : oneLine;
    }

    private void send(List<String> fields) {
        List<String> command = new ArrayList<>();
        command.add(notifyCommand);
        command.add("--pid=" + mainPid);
        command.addAll(fields);
        sender.execute(() -> run(command));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.log(System.Logger.Level.WARNING, "systemd-notify did not return within 10 s");
            } else if (process.exitValue() != 0) {
                LOG.log(System.Logger.Level.WARNING, "systemd-notify exited with " + process.exitValue());
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot notify systemd: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends what is queued (a STOPPING=1 before exit), waiting at most a few seconds. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
