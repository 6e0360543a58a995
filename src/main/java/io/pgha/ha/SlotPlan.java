package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which replication slots this node keeps (ha-loop.md §16, without {@code member_slots_ttl} retention):
 * <ul>
 * <li>member slots: the leader one per member streaming from it, a replica one per member cascading from it;</li>
 * <li>permanent slots of {@code /config}: all of them on the leader; on a replica (not {@code nofailover})
 *     the physical ones (Patroni 3.2+; 3.0.2 keeps them on the primary only) and the logical ones (not on a
 *     {@code nostream} replica). A physical permanent slot named like me is never made on me.</li>
 * </ul>
 * Slots neither desired nor matched by {@code ignore_slots} are dropped (not while paused), and so are
 * slots whose type, database or plugin differs from the desired one. A replica moves its permanent slots
 * forward to the positions the leader published in {@code /status.slots}; a logical one it lacks is copied
 * from the primary once a position is published. Nothing is done without {@code use_slots} or in a standby
 * cluster.
 *
 * @param create  slots to create here: physical ones anywhere, logical ones on the leader
 * @param drop    slots to drop (the caller leaves alone those a client streams through)
 * @param advance slot name → published position it should be moved forward to (replicas)
 * @param copy    logical slots a replica copies from the primary
 */
public record SlotPlan(List<SlotSpec> create, List<String> drop, Map<String, Long> advance, List<String> copy) {

    public static final SlotPlan NOTHING = new SlotPlan(List.of(), List.of(), Map.of(), List.of());

    public SlotPlan {
        create = List.copyOf(create);
        drop = List.copyOf(drop);
        advance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(advance));
        copy = List.copyOf(copy);
    }

    /** Names of the slots to create, in order. */
    public List<String> createNames() {
        return create.stream().map(SlotSpec::name).toList();
    }

    /**
     * @param leader   this node holds the leader key and runs as primary
     * @param tags     this node's tags
     * @param existing the local server's non-temporary slots
     */
    public static SlotPlan plan(Cluster cluster, String me, boolean leader, Tags tags, Collection<ExistingSlot> existing) {
        ClusterSettings global = ClusterSettings.from(cluster.config());
        if (!global.useSlots() || global.standbyCluster()) {
            return NOTHING;
        }
        PermanentSlots permanent = PermanentSlots.from(cluster.config());
        Map<String, SlotSpec> desired = desiredSlots(cluster, me, leader, tags, permanent);
        Map<String, Long> published = cluster.status().slots();

        List<String> drop = new ArrayList<>();
        Map<String, ExistingSlot> usable = new TreeMap<>();
        for (ExistingSlot slot : existing) {
            SlotSpec wanted = desired.get(slot.name());
            if (wanted == null) {
                if (!global.paused() && !permanent.ignored(slot.spec())) {
                    drop.add(slot.name());
                }
            } else if (!wanted.sameKindAs(slot.spec())) {
                drop.add(slot.name());
            } else {
                usable.put(slot.name(), slot);
            }
        }
        List<SlotSpec> create = new ArrayList<>();
        List<String> copy = new ArrayList<>();
        Map<String, Long> advance = new TreeMap<>();
        for (SlotSpec wanted : desired.values()) {
            ExistingSlot have = usable.get(wanted.name());
            Long target = published.get(wanted.name());
            if (have == null) {
                if (!wanted.isLogical() || leader) {
                    create.add(wanted);
                } else if (target != null && !cluster.isUnlocked()) {
                    copy.add(wanted.name());
                }
            } else if (!leader && permanent.slots().containsKey(wanted.name()) && target != null
                    && (have.position() == null || have.position() < target)) {
                if (wanted.isLogical() || have.position() != null) {
                    advance.put(wanted.name(), target);
                }
            }
        }
        return new SlotPlan(create, drop.stream().sorted().toList(), advance, copy);
    }

    /** The slots this node should have, by name. */
    static Map<String, SlotSpec> desiredSlots(Cluster cluster, String me, boolean leader, Tags tags,
                                              PermanentSlots permanent) {
        Map<String, SlotSpec> slots = new TreeMap<>();
        for (String name : desired(cluster, me, leader)) {
            slots.put(name, SlotSpec.physical(name));
        }
        if (!leader && tags.isNoFailover()) {
            return slots;
        }
        String mySlot = SlotNames.forMember(me);
        for (SlotSpec spec : permanent.slots().values()) {
            if (!spec.isLogical()) {
                if (!spec.name().equals(mySlot)) {
                    slots.put(spec.name(), spec);
                }
            } else if ((leader || !tags.noStream()) && !slots.containsKey(spec.name())) {
                slots.put(spec.name(), spec);
            }
        }
        return slots;
    }

    /** Member slots: the members streaming from me. */
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

    /**
     * Whether this node must run with {@code hot_standby_feedback} (PostgreSQL 11+, config.md §5.2): it
     * holds permanent logical slots, or a member cascading from it does.
     */
    public static boolean needsHotStandbyFeedback(Cluster cluster, String me, Tags tags) {
        return needsFeedback(cluster, me, tags, new TreeSet<>());
    }

    private static boolean needsFeedback(Cluster cluster, String me, Tags tags, Set<String> seen) {
        ClusterSettings global = ClusterSettings.from(cluster.config());
        if (!seen.add(me) || global.standbyCluster()) {
            return false;
        }
        PermanentSlots permanent = PermanentSlots.from(cluster.config());
        if (permanent.hasLogical() && !tags.isNoFailover() && !tags.noStream()) {
            return true;
        }
        if (!global.useSlots()) {
            return false;
        }
        for (Member member : cluster.members()) {
            if (me.equals(String.valueOf(member.tags().get("replicatefrom"))) && !cluster.isLeader(member)
                    && needsFeedback(cluster, member.name(), Tags.of(member.tags()), seen)) {
                return true;
            }
        }
        return false;
    }
}
