package io.pgha.agent;

import io.pgha.api.FailsafeControl;
import io.pgha.dcs.Cluster;
import io.pgha.ha.Failsafe;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What the agent remembers for failsafe mode (ha-loop.md §7.2): the last {@code /failsafe} it read (the
 * members a primary must reach while the DCS is down), the primary that last posted {@code /failsafe}
 * here, and since when this primary runs on the members' confirmation. Written by the loop and the REST
 * threads, hence volatile.
 */
final class FailsafeState implements FailsafeControl {
    private volatile Map<String, String> topology;
    private volatile Failsafe.InjectedLeader injected;
    private volatile Instant confirmedAt;

    /** A view was read: its /failsafe is what counts on the next DCS error (Patroni keeps the last one read). */
    void seen(Cluster view) {
        topology = view.failsafe();
    }

    /**
     * This leader wrote {@code members} to /failsafe: they count from now on, as Patroni's write_failsafe
     * sets its last failsafe. Otherwise an outage starting before the next view is read would leave the
     * leader asking only the members of the previous /failsafe, e.g. none but itself.
     */
    void written(Map<String, String> members) {
        topology = Map.copyOf(members);
    }

    Map<String, String> topology() {
        return topology;
    }

    @Override
    public void acceptLeader(String name, String connUrl, String apiUrl) {
        injected = new Failsafe.InjectedLeader(name, connUrl, apiUrl, Instant.now());
    }

    Failsafe.InjectedLeader injected() {
        return injected;
    }

    /** Every member confirmed: this primary runs on failsafe until a cycle reads the view again. */
    void confirmed(Instant now) {
        confirmedAt = now;
    }

    void cleared() {
        confirmedAt = null;
    }

    /** Patroni's failsafe_is_active: confirmed (primary) or posted to (replica) less than ttl ago. */
    boolean active(Instant now, long ttlSeconds) {
        Duration ttl = Duration.ofSeconds(ttlSeconds);
        Instant confirmed = confirmedAt;
        Failsafe.InjectedLeader leader = injected;
        return (confirmed != null && confirmed.plus(ttl).isAfter(now))
                || (leader != null && leader.receivedAt().plus(ttl).isAfter(now));
    }
}
