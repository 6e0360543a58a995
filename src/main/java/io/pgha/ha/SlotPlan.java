package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which physical replication slots this node keeps for other members (ha-loop.md §16.2, without
 * {@code member_slots_ttl} retention): the leader one per member streaming from it, a replica one per
 * member cascading from it. Slots that are neither desired nor permanent nor ignored are dropped, as
 * Patroni 3.0.2 drops them; nothing is touched without {@code use_slots} or while paused (drops only).
 */
public record SlotPlan(List<String> create, List<String> drop) {

    public static final SlotPlan NOTHING = new SlotPlan(List.of(), List.of());

    public SlotPlan {
        create = List.copyOf(create);
        drop = List.copyOf(drop);
    }

    /**
     * @param leader           this node holds the leader key and runs as primary or standby leader
     * @param existingPhysical names of the physical slots the local server has
     */
    public static SlotPlan plan(Cluster cluster, String me, boolean leader, Collection<String> existingPhysical) {
        ClusterSettings global = ClusterSettings.from(cluster.config());
        if (!global.useSlots()) {
            return NOTHING;
        }
        Set<String> desired = desired(cluster, me, leader);
        Set<String> keep = new TreeSet<>(desired);
        keep.addAll(configuredNames(cluster.config().data().get("slots")));
        keep.addAll(configuredNames(cluster.config().data().get("permanent_slots")));
        keep.addAll(configuredNames(cluster.config().data().get("permanent_replication_slots")));
        keep.addAll(ignoredNames(cluster.config().data().get("ignore_slots")));
        List<String> create = desired.stream().filter(s -> !existingPhysical.contains(s)).toList();
        List<String> drop = global.paused() || ignoresEveryPhysicalSlot(cluster.config().data().get("ignore_slots"))
                ? List.of()
                : new TreeSet<>(existingPhysical).stream().filter(s -> !keep.contains(s)).toList();
        return new SlotPlan(create, drop);
    }

    static Set<String> desired(Cluster cluster, String me, boolean leader) {
        Set<String> names = new TreeSet<>();
        String mySlot = SlotNames.forMember(me);
        for (Member member : cluster.members()) {
            if (member.name().equals(me) || member.tag("nostream")) {
                continue;
            }
            Object upstream = member.tags().get("replicatefrom");
            String from = upstream == null ? null : upstream.toString();
            boolean streamsFromMe = leader
                    ? from == null || from.isEmpty() || from.equals(me) || cluster.member(from).isEmpty()
                    : me.equals(from) && !cluster.isLeader(member);
            String slot = SlotNames.forMember(member.name());
            if (streamsFromMe && !slot.equals(mySlot)) {
                names.add(slot);
            }
        }
        return names;
    }

    private static Set<String> configuredNames(Object slots) {
        Set<String> names = new TreeSet<>();
        if (slots instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        return names;
    }

    /** An ignore_slots entry without a name (and physical or no type) matches every physical slot. */
    private static boolean ignoresEveryPhysicalSlot(Object ignore) {
        if (ignore instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> map && map.get("name") == null
                        && (map.get("type") == null || "physical".equals(String.valueOf(map.get("type"))))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> ignoredNames(Object ignore) {
        Set<String> names = new TreeSet<>();
        if (ignore instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> map && map.get("name") != null) {
                    names.add(String.valueOf(map.get("name")));
                }
            }
        }
        return names;
    }
}
