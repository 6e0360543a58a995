package io.pgha.ha;

import java.util.List;
import java.util.Set;

/**
 * What the decisions need of this node's replica creation methods (ha-loop.md §5.2, §14.1, §21): the
 * names in {@code postgresql.create_replica_methods} and which methods need no member to copy from.
 * A standby cluster clones with {@code standby_cluster.create_replica_methods} instead (Patroni clones
 * every member of a standby cluster through a "remote member" carrying that list).
 *
 * @param configured    {@code postgresql.create_replica_methods} (or the legacy key); empty: basebackup
 * @param withoutLeader methods other than basebackup with {@code no_leader} set
 */
public record CloneMethods(List<String> configured, Set<String> withoutLeader) {
    public static final String BASEBACKUP = "basebackup";
    public static final List<String> BASEBACKUP_ONLY = List.of(BASEBACKUP);
    public static final CloneMethods DEFAULT = new CloneMethods(List.of(), Set.of());

    public CloneMethods {
        configured = configured == null ? List.of() : List.copyOf(configured);
        withoutLeader = withoutLeader == null ? Set.of() : Set.copyOf(withoutLeader);
    }

    /** The methods a clone tries, in order. */
    public List<String> toTry(StandbyClusterConfig standby) {
        List<String> names = standby != null && standby.active() ? standby.createReplicaMethods() : configured;
        return names.isEmpty() ? BASEBACKUP_ONLY : names;
    }

    /**
     * Patroni's can_create_replica_without_replication_connection: one of the methods has
     * {@code no_leader}; in a standby cluster only its own list counts, with no basebackup default.
     */
    public boolean workWithoutLeader(StandbyClusterConfig standby) {
        List<String> names = standby != null && standby.active() ? standby.createReplicaMethods() : configured;
        return names.stream().anyMatch(name -> !BASEBACKUP.equals(name) && withoutLeader.contains(name));
    }
}
