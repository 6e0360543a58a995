package io.pgha.cli.render;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Orders members as a replication tree for {@code topology}: the leader, then its replicas; a replica
 * whose {@code replicatefrom} tag names another replica is listed under it. Names get {@code "+ "}
 * and two more leading spaces per level below the first. As in patronictl, replicas that only point at
 * each other in a cycle hang from nobody reachable and are not listed; without a leader the replicas
 * start at level one.
 */
public final class Topology {
    private Topology() {
    }

    /** A member and the name it shows in the tree. */
    public record Placed(MemberOverview member, String displayName) {
    }

    public static List<Placed> order(List<MemberOverview> members) {
        MemberOverview leader = members.stream().filter(MemberOverview::isLeaderRole).findFirst().orElse(null);
        String leaderName = leader == null ? null : leader.name();
        Set<String> replicas = new HashSet<>();
        for (MemberOverview m : members) {
            if (!m.isLeaderRole()) {
                replicas.add(m.name());
            }
        }
        Map<String, List<MemberOverview>> children = new LinkedHashMap<>();
        for (MemberOverview m : members) {
            if (m.isLeaderRole()) {
                continue;
            }
            String parent = m.replicateFrom();
            if (parent == null || parent.isEmpty() || parent.equals(m.name()) || !replicas.contains(parent)) {
                parent = leaderName;
            }
            children.computeIfAbsent(Objects.toString(parent, ""), k -> new ArrayList<>()).add(m);
        }
        List<Placed> result = new ArrayList<>();
        if (leader != null) {
            result.add(new Placed(leader, leader.name()));
        }
        walk(children, Objects.toString(leaderName, ""), 1, result);
        return result;
    }

    private static void walk(Map<String, List<MemberOverview>> children, String parent, int level, List<Placed> out) {
        for (MemberOverview child : children.getOrDefault(parent, List.of())) {
            out.add(new Placed(child, " ".repeat((level - 1) * 2) + "+ " + child.name()));
            walk(children, child.name(), level + 1, out);
        }
    }
}
