package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.ha.PostgresState;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PostmasterState;
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
 * @param postgres the local PostgreSQL as last read (state not running when it is down); null before the first read
 * @param cluster the last cluster view read from the DCS; null when none was ever read
 * @param dcsLastSeen when the DCS last answered; null when never. The view counts as current for
 *        {@code ttlSeconds} after that, as Patroni's cached cluster does
 * @param holdsLeaderKey whether this agent holds the leader key as of its last cycle
 * @param tags the effective tags (false built-in booleans dropped)
 * @param lastCycle when the last HA cycle ended (the agent's start before the first one), for /liveness
 * @param ttlSeconds the effective ttl, for /liveness and for how long {@code cluster} stays current
 * @param maximumLagOnFailover bytes, the /readiness lag limit when the request names none
 * @param watchdogFailed the watchdog is required but not working
 * @param postgresState the agent's PostgreSQL state, published as {@code state} (running, creating
 *        replica, restart failed…: what patronictl reinit --wait polls for); null takes it from
 *        {@code postgres.state()}
 * @param failsafeActive failsafe mode is active: the DCS is unreachable and the primary keeps
 *        running because every member confirmed it
 * @param scheduledRestart the scheduled restart as published in the member key ({@code schedule}
 *        ISO-8601 plus the request's filters and {@code postmaster_start_time}); null when none
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
        boolean watchdogFailed,
        PostgresState postgresState,
        boolean failsafeActive,
        Map<String, Object> scheduledRestart) {

    public NodeState {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        scheduledRestart = scheduledRestart == null ? null
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scheduledRestart));
        if (postgresState == null) {
            postgresState = fromPostmaster(postgres == null ? PostmasterState.STOPPED : postgres.state());
        }
    }

    public boolean isPaused() {
        return cluster != null && cluster.isPaused();
    }

    /** A postmaster that runs but cannot be queried is still "running" to the agent; the API reports it as unknown. */
    private static PostgresState fromPostmaster(PostmasterState state) {
        return switch (state) {
            case RUNNING, UNKNOWN -> PostgresState.RUNNING;
            case STARTING -> PostgresState.STARTING;
            case STOPPING -> PostgresState.STOPPING;
            case STOPPED -> PostgresState.STOPPED;
        };
    }
}
