package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import io.pgha.dcs.Failover;
import io.pgha.dcs.Member;
import io.pgha.dcs.SyncState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One decision's inputs plus the facts derived from them that several rule sets share. It also collects
 * the actions a rule wants done even when the cycle goes on ({@link #carry}) and the rewind state the
 * rules arrive at; both belong to this one call of the decider and are rebuilt on every call.
 */
final class Situation {
    final HaInput in;
    final HaSettings settings;
    final Cluster cluster;
    final LocalState.Postgres pg;
    final LocalState.Agent agent;
    final Outcomes outcomes;
    final Instant now;
    final ClusterSettings global;
    final String me;
    final RewindTracker rewind;
    final StandbyClusterConfig standby;
    private final List<Action> carried = new ArrayList<>();

    Situation(HaInput in) {
        this.in = in;
        this.settings = in.settings();
        this.cluster = in.cluster();
        this.pg = in.local().postgres();
        this.agent = in.local().agent();
        this.outcomes = in.outcomes();
        this.now = in.now();
        this.me = settings.name();
        this.global = ClusterSettings.from(effectiveConfig(cluster, settings));
        this.standby = StandbyClusterConfig.from(effectiveConfig(cluster, settings));
        this.rewind = new RewindTracker(agent.rewindState(), rewindOrReinitializeAllowed());
    }

    /** The view's /config when it has data, else the agent's cached copy (Patroni keeps the last applied one). */
    private static DynamicConfig effectiveConfig(Cluster cluster, HaSettings settings) {
        if (cluster != null && cluster.config() != null && !cluster.config().data().isEmpty()) {
            return cluster.config();
        }
        return settings.dynamicConfig();
    }

    /** Synchronous replication as /config (or the cached copy) asks for it; off in a standby cluster. */
    SyncSettings syncSettings() {
        return SyncSettings.from(effectiveConfig(cluster, settings));
    }

    /** The primary has synchronous replication to manage: the mode is on, or a /sync is left to remove. */
    boolean manageSync() {
        return syncSettings().enabled() || cluster != null && !cluster.sync().isEmpty();
    }

    boolean paused() {
        return global.paused();
    }

    boolean unlocked() {
        return cluster.isUnlocked();
    }

    /** The view names me as leader (Patroni's has_lock); says nothing about this cycle's renewal. */
    boolean viewSaysLeader() {
        return cluster != null && !cluster.isUnlocked() && cluster.leader().name().equals(me);
    }

    /** I hold the lock and did not fail to renew it this cycle. */
    boolean hasLock() {
        return viewSaysLeader() && outcomes.leaderUpdate() != LockResult.FAILED;
    }

    String leaderName() {
        return cluster.isUnlocked() ? null : cluster.leader().name();
    }

    boolean isPrimary() {
        return pg.isPrimary();
    }

    boolean noFailover() {
        return settings.tags().isNoFailover();
    }

    boolean syncRequested() {
        return global.synchronousMode() && !global.standbyCluster();
    }

    /** Synchronous mode is requested and the primary already owns /sync. */
    boolean syncModeActive() {
        return syncRequested() && !cluster.sync().isEmpty();
    }

    boolean quorumModeActive() {
        return syncModeActive() && global.quorumMode();
    }

    /** Named in /sync as standby, or as its leader when {@code includeLeader}; case-insensitive like Patroni. */
    boolean syncMatches(String name, boolean includeLeader) {
        SyncState sync = cluster.sync();
        if (sync.isEmpty() || name == null) {
            return false;
        }
        return sync.isSyncStandby(name) || (includeLeader && sync.leader().equalsIgnoreCase(name));
    }

    Failover failover() {
        Failover failover = cluster.failover();
        return failover == null ? Failover.NONE : failover;
    }

    /** "switchover" when the failover key names a leader, "manual failover" otherwise (Patroni's wording). */
    String failoverActionName() {
        Failover failover = failover();
        if (!failover.isPresent()) {
            return "failover";
        }
        return notEmpty(failover.leader()) ? "switchover" : "manual failover";
    }

    boolean rewindUsable() {
        return settings.usePgRewind() && pg.rewindCapable();
    }

    boolean rewindOrReinitializeAllowed() {
        return settings.removeDataDirectoryOnDivergedTimelines() || rewindUsable();
    }

    /** Patroni's "old cluster": the last view that had a leader, this one if it has. */
    Cluster formerCluster() {
        if (cluster != null && !cluster.isUnlocked()) {
            return cluster;
        }
        return in.lastLockedCluster() != null ? in.lastLockedCluster() : cluster;
    }

    Optional<Upstream> upstream() {
        return StandbyCluster.nodeToFollow(cluster, settings);
    }

    /** The slot to stream from {@code upstream} through: standby_cluster's for the remote primary, else mine. */
    String slotFor(Upstream upstream) {
        return upstream.remote() ? StandbyCluster.remoteSlot(this) : slotName();
    }

    Optional<Member> leaderMember() {
        return cluster.leaderMember();
    }

    String slotName() {
        return global.useSlots() ? SlotNames.forMember(me) : null;
    }

    Duration since(Instant start) {
        return start == null ? Duration.ZERO : Duration.between(start, now);
    }

    CandidateRanking ranking() {
        return new CandidateRanking(cluster, settings, in.local(), global, outcomes.peerStatuses());
    }

    void carry(Action action) {
        carried.add(action);
    }

    List<Action> carried() {
        return List.copyOf(carried);
    }

    static boolean notEmpty(String text) {
        return text != null && !text.isEmpty();
    }
}
