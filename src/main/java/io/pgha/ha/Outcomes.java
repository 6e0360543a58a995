package io.pgha.ha;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers to the probes the decision asked for earlier in the same cycle (see {@link Action.Probe}).
 * A null field means "not asked yet". Peer statuses accumulate by member name.
 */
public record Outcomes(LockResult leaderUpdate, LockResult leaderAcquire, LockResult initializeRace,
                       Map<String, PeerStatus> peers, Divergence divergence, Boolean failsafe) {

    public static final Outcomes NONE = new Outcomes(null, null, null, null, null, null);

    public Outcomes(LockResult leaderUpdate, LockResult leaderAcquire, LockResult initializeRace,
                    Map<String, PeerStatus> peers, Divergence divergence) {
        this(leaderUpdate, leaderAcquire, initializeRace, peers, divergence, null);
    }

    public Outcomes {
        peers = peers == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    }

    public Outcomes withLeaderUpdate(LockResult value) {
        return new Outcomes(value, leaderAcquire, initializeRace, peers, divergence, failsafe);
    }

    public Outcomes withLeaderAcquire(LockResult value) {
        return new Outcomes(leaderUpdate, value, initializeRace, peers, divergence, failsafe);
    }

    public Outcomes withInitializeRace(LockResult value) {
        return new Outcomes(leaderUpdate, leaderAcquire, value, peers, divergence, failsafe);
    }

    public Outcomes withDivergence(Divergence value) {
        return new Outcomes(leaderUpdate, leaderAcquire, initializeRace, peers, value, failsafe);
    }

    /** Whether every member of the last /failsafe accepted {@code POST /failsafe} (ha-loop.md §7.2). */
    public Outcomes withFailsafe(boolean value) {
        return new Outcomes(leaderUpdate, leaderAcquire, initializeRace, peers, divergence, value);
    }

    /** Adds (or replaces) statuses by member name. */
    public Outcomes withPeers(Collection<PeerStatus> statuses) {
        Map<String, PeerStatus> merged = peers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(peers);
        for (PeerStatus status : statuses) {
            merged.put(status.name(), status);
        }
        return new Outcomes(leaderUpdate, leaderAcquire, initializeRace, merged, divergence, failsafe);
    }

    public Map<String, PeerStatus> peerStatuses() {
        return peers == null ? Map.of() : peers;
    }

    /** Any DCS write of this cycle hit a DCS error. */
    public boolean dcsFailed() {
        return leaderUpdate == LockResult.DCS_ERROR || leaderAcquire == LockResult.DCS_ERROR
                || initializeRace == LockResult.DCS_ERROR;
    }
}
