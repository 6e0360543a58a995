package io.pgha.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples every node continuously while faults are injected (see {@link NodeWatcher}) and judges two
 * things.
 * <p>
 * <b>Split brain</b> means two nodes accepting writes at the same moment, and "accepting writes" means
 * acknowledging a commit to a client: {@link SplitBrainAnalysis} derives it from the write probes alone.
 * {@code pg_is_in_recovery() = false} is not enough. When an agent dies of kill -9 or is frozen by SIGSTOP,
 * its postmaster keeps running as a primary, as it does under real Patroni (whose answer is the
 * watchdog), until the agent comes back and demotes it. In strict synchronous mode that old primary
 * cannot acknowledge a commit once its synchronous standby follows the new leader, so it is harmless.
 * Two nodes out of recovery at once are therefore counted separately, as "two primaries visible" (and two
 * REST roles of primary as "two REST primaries"), and are reported but do not fail the suite.
 * <p>
 * The write probes also insert rows; their ids, when acknowledged, count as acknowledged writes for the
 * lost-write check, together with the {@link io.pgha.testing.WriteProbe}'s rows.
 */
final class Checker implements AutoCloseable {
    private static final long FRESH_NANOS = 1_000_000_000L;

    /** An instant (System.nanoTime) the sampler saw two or more nodes as primaries; {@code rest} or pg. */
    record Visible(long at, boolean rest, List<Integer> nodes) {
    }

    private final List<NodeWatcher> watchers = new ArrayList<>();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Visible> visible = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final Thread aggregator = new Thread(this::aggregate, "chaos-aggregate");
    private volatile boolean running = true;

    /** Node ports in index order (1-based): {pgPort, restPort}. */
    Checker(List<int[]> ports, String user, String password) {
        for (int i = 0; i < ports.size(); i++) {
            watchers.add(new NodeWatcher(i + 1, ports.get(i)[0], ports.get(i)[1], user, password, ids, acknowledged::add));
        }
        aggregator.setDaemon(true);
    }

    void start() {
        watchers.forEach(NodeWatcher::start);
        aggregator.start();
    }

    List<WriteAttempt> attempts() {
        List<WriteAttempt> all = new ArrayList<>();
        watchers.forEach(w -> all.addAll(w.attempts()));
        return all;
    }

    /** Ids of chaos_probe rows whose INSERT was acknowledged. */
    Set<Long> acknowledgedIds() {
        return Set.copyOf(acknowledged);
    }

    List<Visible> visible() {
        return List.copyOf(visible);
    }

    /** Nodes the latest fresh samples show out of recovery. */
    List<Integer> primariesVisible() {
        long now = System.nanoTime();
        return watchers.stream().filter(w -> {
            NodeWatcher.Sample s = w.latest();
            return now - s.pgAt() < FRESH_NANOS && Boolean.FALSE.equals(s.inRecovery());
        }).map(NodeWatcher::index).toList();
    }

    /** Nodes whose agent answered GET /patroni in the last second, with the role it gave. */
    java.util.Map<Integer, String> restRoles() {
        long now = System.nanoTime();
        java.util.Map<Integer, String> roles = new java.util.TreeMap<>();
        for (NodeWatcher w : watchers) {
            NodeWatcher.Sample s = w.latest();
            if (now - s.restAt() < FRESH_NANOS && s.restRole() != null) {
                roles.put(w.index(), s.restRole());
            }
        }
        return roles;
    }

    private void aggregate() {
        while (running) {
            long now = System.nanoTime();
            List<Integer> pg = primariesVisible();
            List<Integer> rest = watchers.stream().filter(w -> {
                NodeWatcher.Sample s = w.latest();
                return now - s.restAt() < FRESH_NANOS && ("primary".equals(s.restRole()) || "master".equals(s.restRole()));
            }).map(NodeWatcher::index).toList();
            if (pg.size() > 1) {
                visible.add(new Visible(now, false, pg));
            }
            if (rest.size() > 1) {
                visible.add(new Visible(now, true, rest));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        watchers.forEach(NodeWatcher::close);
        try {
            aggregator.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
