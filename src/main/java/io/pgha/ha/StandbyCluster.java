package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Standby clusters (ha-loop.md §21, Patroni 3.0.2): the lock holder is a standby leader that replicates
 * from the remote primary of {@code standby_cluster}; the other members follow it. The rule sets call in
 * here where a standby cluster answers differently; everything else (race, renewal, following) is shared.
 */
final class StandbyCluster {
    static final String LEADER_DEMOTE_REASON = "cannot be a real primary in standby cluster";

    private StandbyCluster() {
    }

    /** The standby_cluster section of the effective dynamic configuration. */
    static StandbyClusterConfig config(Cluster cluster, HaSettings settings) {
        DynamicConfig config = cluster != null && cluster.config() != null && !cluster.config().data().isEmpty()
                ? cluster.config() : settings.dynamicConfig();
        return StandbyClusterConfig.from(config);
    }

    /**
     * NODE-TO-FOLLOW (ha-loop.md §10.1) for the agent: in a standby cluster the lock holder, and everyone
     * while nobody holds the lock (not paused), follow the remote primary; the others follow the standby
     * leader with the section's restore_command and archive_cleanup_command.
     */
    static Optional<Upstream> nodeToFollow(Cluster cluster, HaSettings settings) {
        StandbyClusterConfig standby = config(cluster, settings);
        if (!standby.active()) {
            return Upstream.select(cluster, settings);
        }
        String me = settings.name();
        boolean paused = ClusterSettings.from(cluster.config() != null && !cluster.config().data().isEmpty()
                ? cluster.config() : settings.dynamicConfig()).paused();
        if ((!cluster.isUnlocked() && cluster.leader().name().equals(me)) || (cluster.isUnlocked() && !paused)) {
            return Optional.of(Upstream.remote(standby));
        }
        return Upstream.select(cluster, settings).map(u -> u.inStandbyCluster(standby));
    }

    /** The slot to stream from the remote primary through: primary_slot_name, none when not configured. */
    static String remoteSlot(Situation s) {
        String slot = s.standby.primarySlotName();
        return slot == null || !s.global.useSlots() ? null : SlotNames.forMember(slot);
    }

    /** §5.5 after the renewal: the lock holder follows the remote primary instead of enforcing a primary. */
    static Decision lockHolder(Situation s) {
        String message = s.agent.role() == Role.STANDBY_LEADER
                ? "no action. I am (" + s.me + "), the standby leader with the lock"
                : "promoted self to a standby leader because i had the session lock";
        return Following.follow(s, LEADER_DEMOTE_REASON, message);
    }

    /** §5.4: the winner of the race becomes the standby leader. */
    static Decision wonRace(Situation s) {
        return Following.follow(s, LEADER_DEMOTE_REASON, "promoted self to a standby leader by acquiring session lock");
    }

    /** §5.6 in a standby cluster. */
    static Decision follower(Situation s) {
        return Following.follow(s, "cannot be a real primary in a standby cluster",
                "no action. I am (" + s.me + "), a secondary, and following a standby leader (" + s.leaderName() + ")");
    }

    /** §5.3: PostgreSQL is not running; the lock holder starts as standby leader, the others as replicas. */
    static Decision start(Situation s, Duration timeout, String task) {
        Upstream upstream = s.upstream().orElse(null);
        String slot = upstream == null ? null : s.slotFor(upstream);
        if (s.hasLock()) {
            return Decision.of("starting as a standby leader because i had the session lock",
                    new Action.StartPostgres(Role.STANDBY_LEADER, upstream, slot, timeout, task));
        }
        String message = s.unlocked() ? "trying to follow a remote member because standby cluster is unhealthy"
                : "starting as a secondary";
        return Decision.of(message, new Action.StartPostgres(Role.REPLICA, upstream, slot, timeout, task));
    }

    /** §14.4: the winner of the initialize race clones from the remote primary instead of running initdb. */
    static Decision bootstrap(Situation s, List<Action> before) {
        Upstream remote = Upstream.remote(s.standby);
        List<Action> actions = new java.util.ArrayList<>(before);
        actions.add(new Action.BootstrapStandbyLeader(remote, remoteSlot(s), s.settings.cloneMethods().toTry(s.standby)));
        return Decision.of("trying to bootstrap a new standby leader", actions);
    }
}
