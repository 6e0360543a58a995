package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A member PostgreSQL replicates or clones from: its name and its {@code conn_url} (null when the
 * cluster view has no member key for it, e.g. a leader key naming a vanished member).
 */
public record Upstream(String name, String connUrl) {

    public Upstream {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an upstream needs a member name");
        }
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
