package io.pgha.agent;

import io.pgha.ha.AsyncTask;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The single background slot for long work (ha-loop.md §1): a bootstrap, a clone, a start, a promote,
 * a rewind. At most one task runs; the loop sees it as {@code LocalState.Agent#task} and is woken when
 * it ends.
 */
final class TaskSlot implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TaskSlot.class.getName());

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "pgha-task");
        thread.setDaemon(true);
        return thread;
    });
    private final Runnable onFinish;
    private AsyncTask current;
    private Future<?> future;
    private long id;
    private boolean started;

    TaskSlot(Runnable onFinish) {
        this.onFinish = onFinish;
    }

    synchronized AsyncTask current() {
        return current;
    }

    /** Starts {@code body} unless a task runs already (then logs Patroni's message and returns false). */
    synchronized boolean run(AsyncTask task, Runnable body) {
        if (current != null) {
            LOG.log(System.Logger.Level.WARNING, "Failed to run " + task.name() + ", " + current.name()
                    + " is already in progress");
            return false;
        }
        current = task;
        started = false;
        long mine = ++id;
        future = executor.submit(() -> {
            synchronized (TaskSlot.this) {
                started = true;
            }
            try {
                body.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, task.name() + " failed: " + e.getMessage());
            } finally {
                end(mine);
            }
        });
        return true;
    }

    private void end(long task) {
        synchronized (this) {
            if (task != id || current == null) {
                return;
            }
            current = null;
            future = null;
        }
        onFinish.run();
    }

    /** Marks the running task as past the point where losing the lock may cancel it. */
    synchronized void markCritical() {
        if (current != null) {
            current = new AsyncTask(current.name(), current.kind(), current.since(), true);
        }
    }

    /** Interrupts the running task and waits up to {@code wait} for it to end; the task it was, or null. */
    AsyncTask cancel(Duration wait) {
        Future<?> running;
        AsyncTask task;
        long mine;
        synchronized (this) {
            running = future;
            task = current;
            mine = id;
        }
        if (running == null) {
            return null;
        }
        LOG.log(System.Logger.Level.INFO, "cancelling " + task.name());
        running.cancel(true);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            synchronized (this) {
                if (mine != id || current == null) {
                    return task;
                }
                if (!started) {
                    break; // cancelled before it ran: its body will never clear the slot
                }
            }
            if (System.nanoTime() > deadline) {
                LOG.log(System.Logger.Level.WARNING, task.name() + " did not end within " + wait.toSeconds() + " s");
                return task;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return task;
            }
        }
        end(mine);
        return task;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
