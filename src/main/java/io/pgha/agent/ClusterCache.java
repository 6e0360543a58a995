package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.DcsException;
import io.pgha.dcs.EtcdGrpcDcs;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.RangeResult;
import io.pgha.dcs.Watch;
import io.pgha.dcs.WatchEvent;
import io.pgha.dcs.WatchListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's keys as a watch keeps them (keyspace.md §7): one prefix range, then a watch from the
 * next revision whose events update the copy. Any watch error drops the copy and starts over (range,
 * then watch), one second later. The loop reads its view from here and is woken at once when the leader
 * key changes or vanishes, when {@code /config} changes, and when {@code /status} changes while another
 * member leads.
 */
final class ClusterCache implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ClusterCache.class.getName());
    private static final long RETRY_MILLIS = 1000;

    private final EtcdGrpcDcs dcs;
    private final Keyspace keyspace;
    private final String me;
    private final Runnable wake;
    private final ScheduledExecutorService rebuilder;
    private final Map<String, KeyValue> kvs = new TreeMap<>();
    private long revision;
    private boolean ready;
    private int generation;
    private Watch watch;
    private boolean closed;
    private String lastProblem;
    private Set<String> reported = Set.of();

    ClusterCache(EtcdGrpcDcs dcs, Keyspace keyspace, String me, Runnable wake) {
        this.dcs = dcs;
        this.keyspace = keyspace;
        this.me = me;
        this.wake = wake;
        this.rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "pgha-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start() {
        rebuilder.execute(this::rebuild);
    }

    /** The current view; waits up to {@code wait} for a copy, then fails like a DCS read. */
    Cluster view(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (this) {
            while (!ready && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DcsException("no cluster view from etcd at " + dcs.endpointDescription()
                            + (lastProblem == null ? "" : ": " + lastProblem));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DcsException("interrupted while waiting for the cluster view");
                }
            }
            if (closed) {
                throw new DcsException("the cluster view is closed");
            }
            Cluster cluster = ClusterParser.parse(keyspace, new RangeResult(revision, new ArrayList<>(kvs.values())));
            reportNewProblems(cluster);
            return cluster;
        }
    }

    /** Each unreadable key once, when it appears (a hand-edited or garbled key stays until someone fixes it). */
    private void reportNewProblems(Cluster cluster) {
        Set<String> now = new LinkedHashSet<>(cluster.problems());
        if (now.equals(reported)) {
            return;
        }
        for (String problem : now) {
            if (!reported.contains(problem)) {
                // ClusterParser keeps each problem short, so a megabyte of garbage is not logged
                LOG.log(System.Logger.Level.WARNING, "unreadable value in etcd: " + keyspace.prefix() + problem);
            }
        }
        reported = now;
    }

    /** Drop the copy and read it again (after a failed compare-and-set, as Patroni 3.1+ does). */
    void invalidate() {
        synchronized (this) {
            if (closed) {
                return;
            }
            generation++;
            ready = false;
            stopWatch();
        }
        rebuilder.execute(this::rebuild);
    }

    private void rebuild() {
        int mine;
        RangeResult range;
        synchronized (this) {
            if (closed) {
                return;
            }
            mine = ++generation;
            stopWatch();
        }
        try {
            range = dcs.range(keyspace.prefix());
        } catch (DcsException e) {
            problem(e.getMessage());
            schedule();
            return;
        }
        boolean changed;
        synchronized (this) {
            if (closed || mine != generation) {
                return;
            }
            String leaderBefore = value(keyspace.leader());
            String configBefore = value(keyspace.config());
            kvs.clear();
            range.kvs().forEach(kv -> kvs.put(kv.key(), kv));
            revision = range.revision();
            ready = true;
            lastProblem = null;
            notifyAll();
            changed = !Objects.equals(leaderBefore, value(keyspace.leader()))
                    || !Objects.equals(configBefore, value(keyspace.config()));
            try {
                watch = dcs.watchPrefix(keyspace.prefix(), range.revision() + 1, new Listener(mine));
            } catch (DcsException e) {
                ready = false;
                problem(e.getMessage());
                schedule();
                return;
            }
        }
        if (changed) {
            wake.run();
        }
    }

    private void schedule() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        rebuilder.schedule(this::rebuild, RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void problem(String message) {
        if (!message.equals(lastProblem)) {
            LOG.log(System.Logger.Level.WARNING, "watching " + keyspace.prefix() + " failed: " + message);
        }
        lastProblem = message;
    }

    /** Applies one event; true when the loop has to look at once. */
    private synchronized boolean apply(WatchEvent event) {
        KeyValue kv = event.kv();
        KeyValue old = kvs.get(kv.key());
        if (old != null && old.modRevision() >= kv.modRevision()) {
            return false;
        }
        if (event.type() == WatchEvent.Type.PUT) {
            kvs.put(kv.key(), kv);
        } else {
            kvs.remove(kv.key());
        }
        revision = Math.max(revision, kv.modRevision());
        String before = old == null ? null : old.value();
        String after = event.type() == WatchEvent.Type.PUT ? kv.value() : null;
        if (kv.key().equals(keyspace.leader())) {
            return !Objects.equals(before, after);
        }
        if (kv.key().equals(keyspace.config())) {
            return before != null && after != null && !before.equals(after);
        }
        if (kv.key().equals(keyspace.failover())) {
            // a switchover written straight into etcd (patronictl's fallback) starts at once, as through the API
            return after != null && !after.isBlank() && !after.equals("{}") && !after.equals(before);
        }
        if (kv.key().equals(keyspace.status()) || kv.key().equals(keyspace.legacyOptime())) {
            return !me.equals(value(keyspace.leader())) && !Objects.equals(before, after);
        }
        return false;
    }

    /** Whether the view as last seen by the watch has a leader key (cheap; no waiting for readiness). */
    synchronized boolean hasLeaderKey() {
        return kvs.containsKey(keyspace.leader());
    }

    private String value(String key) {
        KeyValue kv = kvs.get(key);
        return kv == null ? null : kv.value();
    }

    private void stopWatch() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            stopWatch();
            notifyAll();
        }
        rebuilder.shutdownNow();
    }

    /** Events of one watch generation; a newer generation makes an older watch's callbacks void. */
    private final class Listener implements WatchListener {
        private final int owner;

        Listener(int owner) {
            this.owner = owner;
        }

        @Override
        public void onEvent(WatchEvent event) {
            boolean wakeUp;
            synchronized (ClusterCache.this) {
                if (owner != generation || closed) {
                    return;
                }
                wakeUp = apply(event);
            }
            if (wakeUp) {
                wake.run();
            }
        }

        @Override
        public void onError(DcsException error) {
            synchronized (ClusterCache.this) {
                if (owner != generation || closed) {
                    return;
                }
                ready = false;
                problem(error.getMessage());
            }
            schedule();
        }
    }
}
