package io.pgha.ha;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The quorum-commit state machine (ha-loop.md §15.5): from the current {@code /sync} (leader, voters,
 * quorum) and {@code synchronous_standby_names} (sync, numsync), the ordered writes that reach
 * {@code sync = voters = active}, {@code numsync = min(wanted, |active|)}, {@code quorum = |active| − numsync}
 * while every set of standbys able to acknowledge a commit keeps overlapping every set of voters able to
 * elect a new leader. Raising a number is always written before lowering the other one.
 *
 * <p>Single use: {@link #resolve} runs it once. A transition's fields are the new state of the key
 * ({@code /sync} for {@link Kind#QUORUM}, the server setting for {@link Kind#SYNC}); after a
 * {@link Kind#RESTART} the caller re-reads the state (standbys may need a moment to become synchronous).
 */
public final class QuorumResolver {

    public enum Kind { SYNC, QUORUM, RESTART }

    public record Transition(Kind kind, String leader, int num, Set<String> names) {
        public Transition {
            names = java.util.Collections.unmodifiableSet(StandbyNames.names(names));
        }
    }

    /** The state does not keep commit and election sets overlapping, or a step would break it. */
    public static final class QuorumError extends IllegalStateException {
        QuorumError(String message) {
            super(message);
        }
    }

    /**
     * @param leader           /sync leader
     * @param quorum           /sync quorum
     * @param voters           /sync sync_standby
     * @param numsync          the server's number of synchronous standbys
     * @param sync             the server's listed standbys
     * @param numsyncConfirmed listed standbys proven to have caught up
     * @param active           standbys eligible and streaming now
     * @param syncWanted       synchronous_node_count
     * @param leaderWanted     me (differs from {@code leader} right after a failover)
     */
    public record State(String leader, int quorum, Collection<String> voters, int numsync, Collection<String> sync,
                        int numsyncConfirmed, Collection<String> active, int syncWanted, String leaderWanted) {
    }

    private String leader;
    private int quorum;
    private TreeSet<String> voters;
    private int numsync;
    private TreeSet<String> sync;
    private int numsyncConfirmed;
    private final TreeSet<String> active;
    private final int syncWanted;
    private final String leaderWanted;
    private final List<Transition> out = new ArrayList<>();

    private QuorumResolver(State s) {
        leader = s.leader();
        quorum = s.quorum();
        voters = StandbyNames.names(s.voters());
        sync = StandbyNames.names(s.sync());
        numsync = Math.min(s.numsync(), sync.size());
        numsyncConfirmed = s.numsyncConfirmed();
        active = StandbyNames.names(s.active());
        syncWanted = s.syncWanted();
        leaderWanted = s.leaderWanted();
    }

    /**
     * The transitions to apply in order: consecutive ones of the same kind are merged into the last (no
     * one can have observed the skipped state), and nothing follows a {@link Kind#RESTART}.
     *
     * @throws QuorumError when no safe first step exists from this state (a later step that would be
     *         unsafe ends the list instead)
     */
    public static List<Transition> resolve(State state) {
        QuorumResolver r = new QuorumResolver(state);
        try {
            r.generate();
        } catch (QuorumError e) {
            // Patroni gives up the whole cycle here and, with the same inputs, every later one (e.g. a node
            // joining while synchronous_node_count grows). Each transition made so far passed the invariant
            // check, so applying them is as safe as Patroni being interrupted after them, and it moves the
            // state to one the next run can finish from.
            if (r.out.isEmpty()) {
                throw e;
            }
        }
        List<Transition> merged = new ArrayList<>();
        for (int i = 0; i < r.out.size(); i++) {
            Transition t = r.out.get(i);
            if (i + 1 < r.out.size() && r.out.get(i + 1).kind() == t.kind()) {
                continue;
            }
            merged.add(t);
            if (t.kind() == Kind.RESTART) {
                break;
            }
        }
        return merged;
    }

    // ---- set helpers (case-insensitive, like member names)

    private static TreeSet<String> set(Collection<String> values) {
        return StandbyNames.names(values);
    }

    private static TreeSet<String> union(Set<String> a, Set<String> b) {
        TreeSet<String> r = set(a);
        r.addAll(b);
        return r;
    }

    private static TreeSet<String> minus(Set<String> a, Set<String> b) {
        TreeSet<String> r = set(a);
        r.removeAll(b);
        return r;
    }

    private static TreeSet<String> intersect(Set<String> a, Set<String> b) {
        TreeSet<String> r = set(a);
        r.retainAll(b);
        return r;
    }

    private static TreeSet<String> with(Set<String> a, String name) {
        TreeSet<String> r = set(a);
        r.add(name);
        return r;
    }

    private static boolean properSubset(Set<String> a, Set<String> b) {
        return b.containsAll(a) && b.size() > a.size();
    }

    // ---- invariant and the two kinds of write

    private void checkInvariants() {
        TreeSet<String> allVoters = with(voters, leader);
        TreeSet<String> allSync = with(sync, leaderWanted);
        int nodes = union(allVoters, allSync).size();
        if (!voters.isEmpty() && nodes > quorum + numsync + 1) {
            throw new QuorumError("Quorum and sync not guaranteed to overlap: nodes " + nodes + " >= quorum "
                    + quorum + " + sync " + sync + " + 1");
        }
        if (!(allSync.containsAll(allVoters) || allVoters.containsAll(allSync))) {
            throw new QuorumError("Mismatched sets: voter only=" + minus(allVoters, allSync) + " sync only="
                    + minus(allSync, allVoters));
        }
    }

    private void quorumUpdate(int newQuorum, Set<String> newVoters, String newLeader, boolean adjustQuorum) {
        if (newQuorum < 0) {
            throw new QuorumError("Quorum " + newQuorum + " < 0 of (" + newVoters + ")");
        }
        if (newQuorum > 0 && newQuorum >= newVoters.size()) {
            throw new QuorumError("Quorum " + newQuorum + " >= N of (" + newVoters + ")");
        }
        String oldLeader = leader;
        TreeSet<String> targetVoters = set(newVoters);
        if (newLeader != null) {
            leader = newLeader;
        } else if (numsyncConfirmed == 0 && voters.isEmpty()) {
            // nobody has proven to be synchronous: publishing voters would let a race wait for nothing
            newQuorum = 0;
            targetVoters = StandbyNames.names();
        } else if (adjustQuorum) {
            newQuorum += Math.max(numsync - numsyncConfirmed, 0);
        }
        if (leader.equals(oldLeader) && newQuorum == quorum && targetVoters.equals(voters)) {
            if (!voters.isEmpty()) {
                return;
            }
            out.add(new Transition(Kind.RESTART, leader, quorum, voters));
        }
        quorum = newQuorum;
        voters = targetVoters;
        checkInvariants();
        out.add(new Transition(Kind.QUORUM, leader, quorum, voters));
    }

    private void quorumUpdate(int newQuorum, Set<String> newVoters) {
        quorumUpdate(newQuorum, newVoters, null, true);
    }

    private void syncUpdate(int newNumsync, Set<String> newSync) {
        if (newNumsync < 0) {
            throw new QuorumError("Sync " + newNumsync + " < 0 of (" + newSync + ")");
        }
        if (newNumsync > newSync.size()) {
            throw new QuorumError("Sync " + newNumsync + " > N of (" + newSync + ")");
        }
        numsync = newNumsync;
        sync = set(newSync);
        checkInvariants();
        out.add(new Transition(Kind.SYNC, leader, numsync, sync));
    }

    // ---- the state machine

    private void generate() {
        try {
            if (!leaderWanted.equals(leader)) {
                // failover: the former leader becomes a voter, I become the leader
                TreeSet<String> newVoters = with(minus(voters, Set.of(leaderWanted)), leader);
                if (sync.isEmpty()) {
                    syncUpdate(newVoters.size() - quorum, newVoters);
                }
                quorumUpdate(quorum, newVoters, leaderWanted, true);
                if (intersect(sync, active).isEmpty()) {
                    return; // give the standbys a loop_wait to reconnect before dropping them from the quorum
                }
            } else {
                checkInvariants();
            }
        } catch (QuorumError e) {
            quorumUpdate(sync.size() - numsync, sync);
        }
        if (numsyncConfirmed == 0 && !intersect(sync, active).isEmpty()) {
            numsyncConfirmed = Math.min(intersect(sync, active).size(), voters.size() - quorum);
        }
        handleInterruptedChanges();
        removeGoneNodes();
        addNewNodes();
        handleReplicationFactorChange();
    }

    /** A previous run stopped half-way: finish it before anything else. */
    private void handleInterruptedChanges() {
        if (properSubset(sync, voters)) {
            TreeSet<String> removeFromVoters = minus(voters, union(sync, active));
            if (!removeFromVoters.isEmpty()) {
                quorumUpdate(voters.size() - removeFromVoters.size() - numsync, minus(voters, removeFromVoters),
                        null, minus(sync, active).isEmpty());
            }
            TreeSet<String> addToSync = minus(intersect(voters, active), sync);
            if (!addToSync.isEmpty()) {
                syncUpdate(numsync, union(sync, addToSync));
            }
        } else if (properSubset(voters, sync)) {
            TreeSet<String> removeFromSync = minus(sync, active);
            TreeSet<String> remaining = minus(sync, removeFromSync);
            if (!removeFromSync.isEmpty() && !remaining.isEmpty()
                    && (voters.isEmpty() || !intersect(remaining, voters).isEmpty())) {
                syncUpdate(Math.min(numsync, sync.size() - removeFromSync.size()), remaining);
            }
            TreeSet<String> addToVoters = intersect(minus(sync, voters), active);
            if (!addToVoters.isEmpty()) {
                TreeSet<String> newVoters = union(voters, addToVoters);
                quorumUpdate(newVoters.size() - numsync, newVoters);
            }
            TreeSet<String> notVoting = minus(sync, voters);
            if (!notVoting.isEmpty()) {
                syncUpdate(Math.min(numsync, sync.size() - notVoting.size()), minus(sync, notVoting));
            }
        }
        if (!voters.equals(sync)) {
            throw new QuorumError("voters " + voters + " and synchronous standbys " + sync + " still differ");
        }
        int margin = quorum + Math.min(numsync, numsyncConfirmed) - union(voters, sync).size();
        if (margin > 0) {
            // in the middle of a change of the replication factor
            if (numsync > syncWanted) {
                syncUpdate(Math.max(syncWanted, voters.size() - quorum), sync);
            } else {
                quorumUpdate(sync.size() - numsync, voters);
            }
        } else {
            margin = quorum + numsync - union(voters, sync).size();
            if (numsync == syncWanted && margin > 0 && numsync > numsyncConfirmed) {
                quorumUpdate(sync.size() - numsync, voters);
            }
        }
    }

    private void removeGoneNodes() {
        TreeSet<String> toRemove = minus(sync, active);
        if (toRemove.isEmpty()) {
            return;
        }
        if (sync.equals(toRemove)) {
            quorumUpdate(0, Set.of(), null, false);
            syncUpdate(0, Set.of());
            return;
        }
        if (quorum > 0) {
            List<String> newestFirst = new ArrayList<>(toRemove);
            newestFirst.sort(java.util.Comparator.reverseOrder());
            TreeSet<String> remove = set(newestFirst.subList(0, Math.min(quorum, newestFirst.size())));
            TreeSet<String> remaining = minus(sync, remove);
            int wanted = Math.min(syncWanted > numsync ? syncWanted : numsync, remaining.size());
            syncUpdate(wanted, remaining);
            TreeSet<String> newVoters = minus(voters, remove);
            toRemove = intersect(toRemove, sync);
            quorumUpdate(newVoters.size() - numsync, newVoters, null, toRemove.isEmpty());
        }
        if (!toRemove.isEmpty()) {
            if (quorum != 0) {
                throw new QuorumError("quorum " + quorum + " left while removing " + toRemove);
            }
            int newNumsync = numsync - toRemove.size();
            TreeSet<String> newSync = minus(sync, toRemove);
            TreeSet<String> newVoters = minus(voters, toRemove);
            int decrease = newNumsync - Math.min(syncWanted, newSync.size());
            int newQuorum = decrease != 0 ? Math.min(decrease, newVoters.size() - 1) : 0;
            quorumUpdate(newQuorum, newVoters, null, false);
            syncUpdate(newNumsync, newSync);
        }
    }

    private void addNewNodes() {
        TreeSet<String> toAdd = minus(active, sync);
        if (toAdd.isEmpty()) {
            return;
        }
        int wanted = Math.min(syncWanted, union(sync, toAdd).size());
        int increaseBy = wanted - numsync;
        if (increaseBy > 0) {
            TreeSet<String> add;
            if (!sync.isEmpty()) {
                List<String> sorted = new ArrayList<>(toAdd);
                sorted.sort(null);
                add = set(sorted.subList(0, Math.min(increaseBy, sorted.size())));
                increaseBy = add.size();
            } else {
                add = toAdd; // only the leader so far: every new standby can be added at once
            }
            syncUpdate(numsync + increaseBy, union(sync, add));
            TreeSet<String> newVoters = union(voters, add);
            quorumUpdate(newVoters.size() - wanted, newVoters);
            toAdd = minus(toAdd, sync);
        }
        if (!toAdd.isEmpty()) {
            TreeSet<String> newVoters = union(voters, toAdd);
            quorumUpdate(newVoters.size() - wanted, newVoters, null, wanted > numsyncConfirmed);
            syncUpdate(wanted, union(sync, toAdd));
        }
    }

    private void handleReplicationFactorChange() {
        int increase = Math.min(syncWanted, sync.size()) - numsync;
        if (increase > 0) {
            syncUpdate(numsync + increase, sync);
            quorumUpdate(voters.size() - numsync, voters);
        } else if (increase < 0) {
            if (quorum - increase < voters.size()) {
                quorumUpdate(voters.size() - numsync - increase, voters, null, syncWanted > numsyncConfirmed);
            }
            syncUpdate(numsync + increase, sync);
        }
    }
}
