package io.pgha.ha;

import io.pgha.dcs.Cluster;
import java.time.Instant;

/**
 * Everything one decision reads.
 *
 * @param cluster           the cluster view read at the start of this cycle; null when it could not be read
 * @param dcsError          why the view could not be read (one line), when {@code cluster} is null
 * @param lastLockedCluster the last view that had a leader key (Patroni's "old cluster"): it names the former
 *                          leader and the members that existed before the leader vanished; may be null
 * @param outcomes          answers to probes asked earlier in this cycle
 * @param now               the clock, read once by the loop at the start of the cycle
 */
public record HaInput(HaSettings settings, Cluster cluster, String dcsError, Cluster lastLockedCluster,
                      LocalState local, Outcomes outcomes, Instant now) {

    public HaInput {
        if (settings == null || local == null || now == null) {
            throw new IllegalArgumentException("a decision needs settings, local state and the time");
        }
        if (cluster == null && (dcsError == null || dcsError.isEmpty())) {
            throw new IllegalArgumentException("without a cluster view, say why it could not be read");
        }
        outcomes = outcomes == null ? Outcomes.NONE : outcomes;
    }

    /** A cycle that read the cluster view. */
    public static HaInput of(HaSettings settings, Cluster cluster, Cluster lastLockedCluster, LocalState local,
                             Instant now) {
        return new HaInput(settings, cluster, null, lastLockedCluster, local, Outcomes.NONE, now);
    }

    /** A cycle whose view read failed with a DCS error. */
    public static HaInput dcsUnreachable(HaSettings settings, String error, LocalState local, Instant now) {
        return new HaInput(settings, null, error, null, local, Outcomes.NONE, now);
    }

    public HaInput withOutcomes(Outcomes value) {
        return new HaInput(settings, cluster, dcsError, lastLockedCluster, local, value, now);
    }
}
