package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A member PostgreSQL replicates or clones from: its name and its {@code conn_url} (null when the
 * cluster view has no member key for it, e.g. a leader key naming a vanished member). In a standby
 * cluster it may be the {@link #remote remote primary} of {@code standby_cluster}, and
 * {@code recovery} carries the recovery settings that section imposes (ha-loop.md §10.1, §21).
 */
public record Upstream(String name, String connUrl, boolean remote, java.util.Map<String, String> recovery) {
    /** The name the remote primary of a standby cluster goes by (Patroni adds a uuid; a fixed name compares equal). */
    public static final String REMOTE_NAME = "remote_member";

    public Upstream {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an upstream needs a member name");
        }
        recovery = recovery == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recovery));
    }

    public Upstream(String name, String connUrl) {
        this(name, connUrl, false, null);
    }

    /** NODE-TO-FOLLOW (ha-loop.md §10.1) including standby clusters; see {@link #select} for the rest. */
    public static Optional<Upstream> nodeToFollow(Cluster cluster, HaSettings settings) {
        return StandbyCluster.nodeToFollow(cluster, settings);
    }

    /** The remote primary a standby leader follows (ha-loop.md §10.1 step 2). */
    public static Upstream remote(StandbyClusterConfig standby) {
        return new Upstream(REMOTE_NAME, standby.connUrl(), true, standby.recoverySettings(true));
    }

    /** This member with the standby cluster's restore_command and archive_cleanup_command. */
    public Upstream inStandbyCluster(StandbyClusterConfig standby) {
        return new Upstream(name, connUrl, false, standby.recoverySettings(false));
    }

    public static Upstream of(Member member) {
        return new Upstream(member.name(), member.connUrl());
    }

    /**
     * NODE-TO-FOLLOW (ha-loop.md §10.1) outside standby clusters: nothing with {@code nostream}; the
     * {@code replicatefrom} member when it exists (else the leader); otherwise the leader; never myself.
     */
    public static Optional<Upstream> select(Cluster cluster, HaSettings settings) {
        Tags tags = settings.tags();
        if (tags.noStream()) {
            return Optional.empty();
        }
        Optional<Member> node;
        String cascade = tags.replicateFrom();
        if (cascade != null && !cascade.isEmpty() && !cascade.equals(settings.name())) {
            node = cluster.member(cascade).or(cluster::leaderMember);
        } else {
            node = cluster.leaderMember();
        }
        return node.filter(m -> !m.name().equals(settings.name())).map(Upstream::of);
    }

    /**
     * The member to clone from (ha-loop.md §5.2, §14.1): a running member tagged {@code clonefrom} with a
     * conn_url, other than me and the leader; otherwise the leader. Patroni picks among several tagged
     * members at random; this picks by a hash of my name so the choice is repeatable for a node while
     * different nodes still spread over the sources.
     */
    public static Optional<Member> cloneSource(Cluster cluster, String me) {
        String leader = cluster.isUnlocked() ? null : cluster.leader().name();
        List<Member> tagged = cluster.members().stream()
                .filter(m -> !m.name().equals(me) && !m.name().equals(leader))
                .filter(m -> m.isRunning() && m.tag("clonefrom") && m.connUrl() != null && !m.connUrl().isEmpty())
                .sorted(Comparator.comparing(Member::name))
                .toList();
        if (!tagged.isEmpty()) {
            return Optional.of(tagged.get(Math.floorMod(me.hashCode(), tagged.size())));
        }
        return cluster.leaderMember();
    }
}
