package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.ha.SyncSettings;
import io.pgha.ha.Tags;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A synchronous standby about to stop or restart first asks the primary to pick another one (ha-loop.md
 * §15.6): it publishes {@code nosync: true, sync_priority: 0} and waits up to 2 × loop_wait (looking every
 * 2 s) until /sync no longer names it, so commits do not stall while it is away. A DCS error ends the wait.
 */
final class SyncDuties {
    private static final System.Logger LOG = System.getLogger(SyncDuties.class.getName());
    private static final Duration POLL = Duration.ofSeconds(2);

    private final AgentParts parts;
    private final Runnable publish;

    /** @param publish writes the member key now (with {@link #tags} in it) */
    SyncDuties(AgentParts parts, Runnable publish) {
        this.parts = parts;
        this.publish = publish;
    }

    /** The configured tags, with the two that release this node from sync duties while it leaves them. */
    static Map<String, Object> tags(AgentParts parts) {
        Map<String, Object> tags = parts.config.tags();
        if (!parts.memory.isLeavingSync()) {
            return tags;
        }
        Map<String, Object> released = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        released.put("nosync", true);
        released.put("sync_priority", 0);
        return released;
    }

    /** Runs {@code work} once the primary no longer counts on this node as a synchronous standby. */
    <T> T leaveThen(Supplier<T> work) {
        if (parts.memory.holdsLeaderKey() || !SyncSettings.from(parts.settings.dynamic()).enabled()
                || Tags.of(parts.config.tags()).noSync()) {
            return work.get();
        }
        parts.memory.leavingSync(true);
        try {
            try {
                publish.run();
                long deadline = System.nanoTime() + parts.settings.timings().loopWaitDuration().multipliedBy(2).toNanos();
                while (System.nanoTime() < deadline) {
                    Cluster view = parts.cache.view(parts.dcs.retryTimeout());
                    if (!isSyncStandby(view)) {
                        break;
                    }
                    LOG.log(System.Logger.Level.INFO, "Waiting for primary to release us from synchronous standby");
                    Thread.sleep(POLL.toMillis());
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Could not get cluster state, skipping synchronous standby disable: "
                        + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return work.get();
        } finally {
            parts.memory.leavingSync(false);
        }
    }

    private boolean isSyncStandby(Cluster view) {
        return !view.isUnlocked() && !view.sync().isEmpty() && view.sync().leader().equalsIgnoreCase(view.leader().name())
                && view.sync().isSyncStandby(parts.name());
    }
}
