package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.postgres.LocalPostgresStatus;
import java.time.Instant;
import java.util.Map;

/**
 * What the agent knows at the end of an HA cycle, published for the REST API as one immutable
 * snapshot (the server never reaches into the agent's live state).
 *
 * @param name this member's name
 * @param scope the cluster name
 * @param agentVersion the version this agent publishes as {@code patroni.version}
 * @param role the agent's role: primary, promoted, replica, standby_leader, demoted, uninitialized
 * @param postgres the local PostgreSQL as last read (state not running when it is down)
 * @param cluster the last cluster view read from the DCS; null when none was ever read
 * @param dcsLastSeen when the DCS last answered; null when never
 * @param holdsLeaderKey whether this agent holds the leader key as of its last cycle
 * @param tags the effective tags (false built-in booleans dropped)
 * @param lastCycle when the last HA cycle ended, for /liveness
 * @param ttlSeconds the effective ttl, for /liveness
 * @param maximumLagOnFailover bytes, for /replica?lag and /readiness defaults
 * @param watchdogFailed the watchdog is required but not working
 */
public record NodeState(
        String name,
        String scope,
        String agentVersion,
        String role,
        LocalPostgresStatus postgres,
        Cluster cluster,
        Instant dcsLastSeen,
        boolean holdsLeaderKey,
        Map<String, Object> tags,
        Instant lastCycle,
        long ttlSeconds,
        long maximumLagOnFailover,
        boolean watchdogFailed) {

    public NodeState {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    public boolean isPaused() {
        return cluster != null && cluster.isPaused();
    }
}
