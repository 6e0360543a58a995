package io.pgha.agent;

import io.pgha.ha.Action.DemoteMode;
import io.pgha.ha.AsyncTask;
import io.pgha.ha.ClusterSettings;
import io.pgha.ha.PostgresState;
import io.pgha.ha.Role;
import io.pgha.ha.Upstream;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.StopMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stepping down from primary (ha-loop.md §9): stop PostgreSQL (fast with a checkpoint first for a
 * switchover, immediate when the lock is gone), release the leader key in the releasing modes (with the
 * shutdown checkpoint in /status) and give the others 2 s to take it, then start again as a replica of
 * whoever leads now; offline (DCS lost) without an upstream and keeping the key. In synchronous mode
 * {@code primary_stop_timeout} aborts a stop that takes longer, in every mode (§15.7): the /config last
 * applied decides, which is the cached one when the DCS is lost, as in Patroni.
 */
final class Demotion {
    private static final System.Logger LOG = System.getLogger(Demotion.class.getName());
    private static final Duration AFTER_RELEASE = Duration.ofSeconds(2);

    private final AgentParts parts;
    private final DcsActions dcs;
    private final ReplicaStart start;

    Demotion(AgentParts parts, DcsActions dcs, ReplicaStart start) {
        this.parts = parts;
        this.dcs = dcs;
        this.start = start;
    }

    void demote(DemoteMode mode) {
        LOG.log(System.Logger.Level.INFO, "Demoting self (" + mode.patroniName() + ")");
        boolean immediate = mode == DemoteMode.IMMEDIATE || mode == DemoteMode.IMMEDIATE_NOLOCK;
        boolean releasing = mode == DemoteMode.GRACEFUL || mode == DemoteMode.IMMEDIATE;
        var postgres = parts.postgres();
        if (mode == DemoteMode.GRACEFUL) {
            try {
                postgres.checkpoint();
            } catch (PostgresException e) {
                LOG.log(System.Logger.Level.WARNING, "checkpoint before the switchover failed: " + e.getMessage());
            }
        }
        parts.local.state(PostgresState.STOPPING, Instant.now());
        try {
            postgres.stop(immediate ? StopMode.IMMEDIATE : StopMode.FAST,
                    ClusterSettings.from(parts.settings.dynamic()).stopTimeout());
        } catch (PostgresException e) {
            parts.local.state(PostgresState.STOP_FAILED, Instant.now());
            throw e;
        }
        parts.local.state(PostgresState.STOPPED, Instant.now());
        // the safepoint: no client can be told of a commit any more, so the watchdog has nothing to protect
        parts.watchdog.disable();
        parts.callbacks.fire(io.pgha.agent.Callbacks.Event.ON_STOP, parts.callbackRole());
        parts.memory.role(Role.DEMOTED);
        if (releasing) {
            dcs.releaseLeader(!immediate);
            sleep(AFTER_RELEASE);
        } else if (mode == DemoteMode.IMMEDIATE_NOLOCK) {
            parts.memory.leaderKeyLost();
        }
        Upstream upstream = mode == DemoteMode.OFFLINE ? null : parts.upstreamNow().orElse(null);
        String slot = upstream == null ? null : slotName();
        if (immediate) {
            parts.tasks.run(AsyncTask.of(AsyncTask.Kind.STARTING_AFTER_DEMOTION, "starting after demotion", Instant.now()),
                    () -> start.asReplica(upstream, slot, null));
        } else {
            start.asReplica(upstream, slot, null);
        }
    }

    private String slotName() {
        Optional<io.pgha.dcs.Cluster> view = parts.freshView();
        boolean useSlots = view.map(v -> io.pgha.ha.ClusterSettings.from(v.config()).useSlots()).orElse(true);
        return useSlots ? io.pgha.ha.SlotNames.forMember(parts.name()) : null;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
