package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.List;
import java.util.Optional;

/** The checks of a re-initialisation request (REST {@code POST /reinitialize}, rest-api.md §6.6). */
public final class ReinitializeRules {
    private ReinitializeRules() {
    }

    /**
     * Why the request is refused, in Patroni's words, or empty. {@code running} is the task in the
     * background slot after a {@code force} cancelled it (then null).
     */
    public static Optional<String> refusal(Cluster view, String me, boolean holdsLeaderKey, AsyncTask running) {
        if (view.isUnlocked()) {
            return Optional.of("Cluster has no leader, can not reinitialize");
        }
        if (holdsLeaderKey || view.leader().name().equals(me)) {
            return Optional.of("I am the leader, can not reinitialize");
        }
        return RestartRules.busy(running);
    }

    /** The member to clone from: the leader when asked ({@code from_leader}), else the clone source (§14.1). */
    public static Optional<Member> source(Cluster view, String me, boolean fromLeader) {
        return fromLeader ? view.leaderMember() : Upstream.cloneSource(view, me);
    }

    /** The methods to try: basebackup alone when asked {@code from_leader} (Patroni 4.1), else the configured ones. */
    public static List<String> methods(Cluster view, HaSettings settings, boolean fromLeader) {
        return fromLeader ? CloneMethods.BASEBACKUP_ONLY
                : settings.cloneMethods().toTry(StandbyCluster.config(view, settings));
    }
}
