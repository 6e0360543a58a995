package io.pgha.cli;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which members restart, reload, reinit and flush act on (patronictl.md §2.5 step 1): the members with the
 * role, narrowed to the names given; the table is printed first; then the confirmation.
 */
final class MemberSelection {
    private MemberSelection() {
    }

    /** How the role is named in {@code No <role> among provided members}: 4.x quotes a role from an option. */
    record RoleText(MemberRole role, boolean fromOption) {
        String describe(boolean patroni30) {
            return fromOption && !patroni30 ? "'" + role.text() + "'" : role.text();
        }
    }

    /**
     * The members to act on, in DCS order.
     *
     * @param action the verb of the prompts: restart, reload, reinitialize, flush
     */
    static List<Member> select(OperationContext ops, Cluster cluster, String clusterName, List<String> names,
                               RoleText role, boolean force, String action) {
        List<Member> withRole = withRole(cluster, role.role());
        Set<String> candidates = withRole.stream().map(Member::name).collect(Collectors.toCollection(LinkedHashSet::new));
        if (names.isEmpty() && candidates.isEmpty()) {
            throw new CliException(clusterName + " cluster doesn't have any members");
        }
        ops.printTable(cluster);
        List<String> chosen;
        if (!names.isEmpty()) {
            chosen = candidates.stream().filter(names::contains).toList();
            if (chosen.isEmpty()) {
                throw new CliException("No " + role.describe(ops.patroni30()) + " among provided members");
            }
        } else if (!action.equals("reinitialize")) {
            chosen = List.copyOf(candidates);
        } else {
            chosen = List.of();
        }
        if (chosen.isEmpty() && !force) {
            chosen = List.of(ops.prompter().ask("Which member do you want to " + action + " ["
                    + String.join(", ", candidates) + "]? []: ", "", "the member names (arguments after the cluster name)"));
        }
        for (String name : chosen) {
            if (!candidates.contains(name)) {
                throw new CliException(name + " is not a member of cluster");
            }
        }
        List<Member> selected = new ArrayList<>();
        for (Member member : withRole) {
            if (chosen.contains(member.name())) {
                selected.add(member);
            }
        }
        return selected;
    }

    /** Members with the role; for the leader roles the leader key's member, even one without a member key. */
    static List<Member> withRole(Cluster cluster, MemberRole role) {
        return switch (role) {
            case LEADER, PRIMARY, MASTER, STANDBY_LEADER -> cluster.leaderMember()
                    .filter(leader -> role.matches(cluster, leader)).map(List::of).orElse(List.of());
            default -> cluster.members().stream().filter(m -> role.matches(cluster, m)).toList();
        };
    }

    /** patronictl's confirmation; "no" ends the command with {@code Error: Aborted <action>}. */
    static void confirm(OperationContext ops, List<Member> members, boolean force, String action,
                        OffsetDateTime scheduledAt, boolean pending) {
        if (force) {
            return;
        }
        String names = members.stream().map(Member::name).collect(Collectors.joining(", "));
        if (scheduledAt != null) {
            String question = pending && !ops.patroni30()
                    ? "The nodes needing a restart will be identified at the scheduled time, and might be different "
                            + "from the ones showing pending restart right now. Is this fine?"
                    : "Are you sure you want to schedule " + action + " of members " + names + " at "
                            + Schedule.str(scheduledAt) + "?";
            if (!ops.prompter().confirm(question, "--force")) {
                throw new CliException("Aborted scheduled " + action);
            }
        } else if (!ops.prompter().confirm("Are you sure you want to " + action + " members " + names + "?", "--force")) {
            throw new CliException("Aborted " + action);
        }
    }

    /** patronictl's line for a member's refusal: {@code Failed: <action> for member X, status code=N, (body)}. */
    static String failure(String action, Member member, io.pgha.api.NodeResponse response) {
        return "Failed: " + action + " for member " + member.name() + ", status code=" + response.status()
                + ", (" + response.body() + ")";
    }

    /** pgha's line when a member could not be asked at all (patronictl prints a traceback). */
    static String unreachable(String action, Member member, io.pgha.api.NodeException e) {
        return "Failed: " + action + " for member " + member.name() + ", " + e.getMessage();
    }
}
