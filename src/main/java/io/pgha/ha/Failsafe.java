package io.pgha.ha;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Leader;
import io.pgha.dcs.Member;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Failsafe mode (ha-loop.md §7.2, §5.7, Patroni 3.0.2) apart from the DCS-error path in {@link DcsOutage}:
 * the leader keeps {@code /failsafe} current; a node missing from a non-empty {@code /failsafe} never
 * wins a race; a replica that got {@code POST /failsafe} from the primary within {@code ttl} sees that
 * primary as leader of an unlocked view (see {@link #inject}).
 */
public final class Failsafe {
    private Failsafe() {
    }

    /**
     * The primary that last posted {@code /failsafe} to this node.
     *
     * @param receivedAt when its POST arrived (the agent's clock, like {@code now})
     */
    public record InjectedLeader(String name, String connUrl, String apiUrl, Instant receivedAt) {
        public InjectedLeader {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("a failsafe leader needs a name");
            }
        }
    }

    /** After a renewal: the {@code /failsafe} to write, when failsafe mode is on and the key differs. */
    static Optional<Action> topology(Situation s) {
        if (!s.global.failsafeMode()) {
            return Optional.empty();
        }
        Map<String, String> wanted = new TreeMap<>();
        for (Member member : s.cluster.members()) {
            if (member.apiUrl() != null) {
                wanted.put(member.name(), member.apiUrl());
            }
        }
        Map<String, String> stored = s.cluster.failsafe();
        if (!wanted.containsKey(s.me) || (stored != null && new TreeMap<>(stored).equals(wanted))) {
            return Optional.empty();
        }
        return Optional.of(new Action.WriteFailsafe(wanted));
    }

    /** §6.1: with failsafe mode on, a node missing from a non-empty {@code /failsafe} may not take the lock. */
    static boolean excludedFromRace(Situation s) {
        Map<String, String> failsafe = s.cluster.failsafe();
        return s.global.failsafeMode() && failsafe != null && !failsafe.isEmpty() && !failsafe.containsKey(s.me);
    }

    /**
     * §5.7: an unlocked view with failsafe mode on gets the primary that posted {@code /failsafe} less
     * than {@code ttl} ago as leader (its member added when the view has no key for it), so replicas
     * keep following it instead of racing. Any other view is returned as it is.
     */
    public static Cluster inject(Cluster view, InjectedLeader leader, Instant now) {
        if (view == null || leader == null || !view.isUnlocked()) {
            return view;
        }
        ClusterSettings global = ClusterSettings.from(view.config());
        if (!global.failsafeMode()
                || !leader.receivedAt().plus(Duration.ofSeconds(global.timings().ttl())).isAfter(now)) {
            return view;
        }
        List<Member> members = new ArrayList<>(view.members());
        if (view.member(leader.name()).isEmpty()) {
            members.add(new Member(leader.name(), 0, 0, leader.connUrl(), leader.apiUrl(), "running", "primary",
                    null, null, null, false, null, null, null, null, null, null, null, false, null, null));
        }
        return new Cluster(view.keyspace(), view.initialize(), view.config(), new Leader(leader.name(), 0, 0), members,
                view.failover(), view.sync(), view.history(), view.status(), view.failsafe(), view.problems(),
                view.revision());
    }
}
