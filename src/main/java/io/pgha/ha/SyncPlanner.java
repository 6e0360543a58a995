package io.pgha.ha;

import io.pgha.dcs.SyncState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The primary's synchronous-replication steps (ha-loop.md §15.2–§15.4, as Patroni 4.1 does them): which
 * writes of {@code /sync} and {@code synchronous_standby_names}, in which order, so that a node is named
 * in {@code /sync} only while it is listed in the setting and proven synchronous — removals go to
 * {@code /sync} first, additions last — and therefore every node in {@code /sync} holds every
 * acknowledged commit. The agent executes the steps in order and stops at the first failed write.
 */
public final class SyncPlanner {
    private SyncPlanner() {
    }

    /** One write, in execution order. */
    public sealed interface Step {
        /** Compare-and-set {@code /sync} (on the revision last read or written) to these values. */
        record WriteSync(String leader, Set<String> standbys, int quorum, String message) implements Step {
            public WriteSync {
                standbys = java.util.Collections.unmodifiableSet(StandbyNames.names(standbys));
            }
        }

        /** Compare-and-delete {@code /sync} (synchronous mode was switched off). */
        record DeleteSync() implements Step {
        }

        /**
         * Set {@code synchronous_standby_names} to {@code names} of which {@code num} must confirm (null:
         * all), rendered as Patroni renders it ({@link StandbyNames#render}), and reload.
         */
        record SetStandbyNames(Set<String> names, Integer num, String message) implements Step {
            public SetStandbyNames {
                names = java.util.Collections.unmodifiableSet(StandbyNames.names(names));
            }
        }

        /** Synchronous mode is off: the user's own {@code synchronous_standby_names} applies again. */
        record UseConfiguredStandbyNames() implements Step {
        }

        /**
         * Newly named standbys were listed: wait 2 s, look again and continue with
         * {@link #afterRecheck} for {@code common}, the standbys /sync holds now.
         */
        record Recheck(Set<String> common) implements Step {
            public Recheck {
                common = java.util.Collections.unmodifiableSet(StandbyNames.names(common));
            }
        }
    }

    /** Synchronous mode off on the primary: forget /sync and give the user's setting back. */
    public static List<Step> disable(SyncState sync) {
        List<Step> steps = new ArrayList<>();
        if (!sync.isEmpty()) {
            steps.add(new Step.DeleteSync());
        }
        steps.add(new Step.UseConfiguredStandbyNames());
        return steps;
    }

    /** Synchronous mode on (not quorum), every cycle of the primary holding the leader key. */
    public static List<Step> onMode(String me, SyncState sync, SyncCandidates.View view, boolean strict) {
        List<Step> steps = new ArrayList<>();
        TreeSet<String> voters = StandbyNames.names(sync.syncStandbys());
        if (sync.isEmpty()) {
            // without it the mode would never switch on while no standby streams
            steps.add(new Step.WriteSync(me, Set.of(), 0, "Enabled synchronous replication"));
            voters.clear();
        } else if (!sync.leader().equalsIgnoreCase(me)) {
            steps.add(new Step.WriteSync(me, Set.of(), 0, "Inconsistent state of /sync key detected, leader = "
                    + sync.leader() + " doesn't match " + me + ", updating synchronous replication key"));
            voters.clear();
        }
        Set<String> picked = view.active();
        Set<String> confirmed = view.confirmed();
        if (picked.equals(voters) && !voters.equals(confirmed)) {
            steps.add(new Step.WriteSync(me, confirmed, 0, "Inconsistent state between synchronous_standby_names = "
                    + sorted(confirmed) + " and /sync = " + sorted(voters) + " key detected, updating synchronous replication key..."));
            voters = StandbyNames.names(confirmed);
        }
        if (picked.equals(voters) && voters.equals(view.sync()) && view.numsync() == picked.size()) {
            return steps;
        }
        TreeSet<String> common = StandbyNames.names(voters);
        common.retainAll(confirmed);
        if (!common.equals(voters)) {
            steps.add(new Step.WriteSync(me, common, 0, "Updating synchronous privilege temporarily from "
                    + sorted(voters) + " to " + sorted(common)));
        }
        Set<String> names = picked;
        if (strict && picked.isEmpty()) {
            names = Set.of("*");
        }
        steps.add(new Step.SetStandbyNames(names, null, "Assigning synchronous standby status to " + sorted(names)));
        if (!picked.isEmpty() && !picked.equals(confirmed)) {
            steps.add(new Step.Recheck(common));
            return steps;
        }
        steps.addAll(afterRecheck(me, common, confirmed));
        return steps;
    }

    /** The last step of {@link #onMode}: publish the standbys proven synchronous. */
    public static List<Step> afterRecheck(String me, Set<String> common, Set<String> confirmed) {
        if (confirmed.isEmpty() || StandbyNames.names(confirmed).equals(StandbyNames.names(common))) {
            return List.of();
        }
        return List.of(new Step.WriteSync(me, confirmed, 0, "Synchronous standby status assigned to " + sorted(confirmed)));
    }

    /**
     * Right before promoting (ha-loop.md §15.4). Quorum mode with a /sync: keep waiting for the standbys
     * that could still hold the newest commits (the former voters and the old leader), the resolver
     * fixes /sync afterwards. Otherwise make me the only holder of every commit ({@code /sync} = me, no
     * standby; a failed write postpones the promotion) and let commits wait for any standby in strict mode.
     */
    public static List<Step> beforePromote(String me, SyncState sync, SyncSettings settings) {
        if (!settings.enabled()) {
            return disable(sync);
        }
        if (settings.quorum() && !sync.isEmpty()) {
            TreeSet<String> members = StandbyNames.names(sync.syncStandbys());
            members.add(sync.leader());
            int numsync = members.size() - (sync.quorum() == null ? 0 : sync.quorum()) - 1;
            if (members.contains(me)) {
                members.remove(me);
            } else {
                numsync++; // I won the race from outside the voters
            }
            return List.of(new Step.SetStandbyNames(members, numsync, "Setting synchronous replication to "
                    + numsync + " of " + members.size() + " " + sorted(members)));
        }
        List<Step> steps = new ArrayList<>();
        if (!settings.quorum()) {
            steps.add(new Step.WriteSync(me, Set.of(), 0, "Set myself as the only synchronous node before promoting"));
        }
        steps.add(new Step.SetStandbyNames(Set.of(), settings.minSync(), "Cleared synchronous standbys before promoting"));
        return steps;
    }

    /**
     * Quorum mode: the resolver's transitions as steps ({@code synchronous_standby_names} never asks for
     * fewer than {@code minSync} standbys; commits then wait until enough stream).
     */
    public static List<Step> quorumSteps(List<QuorumResolver.Transition> transitions, int minSync) {
        List<Step> steps = new ArrayList<>();
        for (QuorumResolver.Transition t : transitions) {
            switch (t.kind()) {
                case QUORUM -> steps.add(new Step.WriteSync(t.leader(), t.names(), t.num(), "Setting leader to "
                        + t.leader() + ", quorum to " + t.num() + " of " + t.names().size() + " (" + String.join(", ", sorted(t.names())) + ")"));
                case SYNC -> steps.add(new Step.SetStandbyNames(t.names(), Math.max(t.num(), minSync),
                        t.num() < minSync ? "Replication factor " + (minSync + 1) + " requested, but " + t.num()
                                + " synchronous standbys available. Commits will be delayed."
                                : "Setting synchronous replication to " + t.num() + " of " + t.names().size()
                                + " (" + String.join(", ", sorted(t.names())) + ")"));
                case RESTART -> steps.add(new Step.Recheck(Set.of()));
            }
        }
        return steps;
    }

    private static List<String> sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return list;
    }
}
