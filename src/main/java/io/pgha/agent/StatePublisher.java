package io.pgha.agent;

import io.pgha.api.NodeState;
import io.pgha.dcs.Cluster;
import io.pgha.ha.ClusterSettings;
import io.pgha.ha.HaSettings;
import io.pgha.postgres.LocalPostgresStatus;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The node state the REST API serves, replaced as a whole at the end of every cycle; readers never see
 * the agent's live state (api.NodeState).
 */
final class StatePublisher implements Supplier<NodeState> {
    private final AgentParts parts;
    private volatile NodeState state;
    private volatile Cluster lastView;

    StatePublisher(AgentParts parts) {
        this.parts = parts;
    }

    @Override
    public NodeState get() {
        NodeState current = state;
        return current != null ? current : snapshot(null, parts.settings.ha(), null);
    }

    void publish(Cluster view, HaSettings settings, ClusterSettings global) {
        if (view != null) {
            lastView = view;
        }
        state = snapshot(view != null ? view : lastView, settings, global);
    }

    private java.util.Map<String, Object> scheduledRestart() {
        io.pgha.ha.ScheduledRestart restart = parts.memory.scheduledRestart();
        return restart == null ? null : restart.published();
    }

    private NodeState snapshot(Cluster view, HaSettings settings, ClusterSettings global) {
        LocalPostgresStatus status = parts.local.lastStatus();
        long lag = global == null ? ClusterSettings.DEFAULT_MAXIMUM_LAG_ON_FAILOVER : global.maximumLagOnFailover();
        return new NodeState(settings.name(), parts.config.keyspace().scope(), MemberDocument.PATRONI_VERSION,
                parts.memory.role().patroniName(), status, view, parts.dcs.lastAnswer(), parts.memory.holdsLeaderKey(),
                MemberDocument.publishedTags(SyncDuties.tags(parts)), Instant.now(), parts.settings.timings().ttl(), lag,
                !parts.watchdog.healthy(parts.settings.timings().ttl(), parts.settings.timings().loopWait()),
                parts.local.state(), parts.failsafe.active(Instant.now(), parts.settings.timings().ttl()), scheduledRestart());
    }
}
