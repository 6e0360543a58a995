package io.pgha.ha;

import io.pgha.ha.Action.StopMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's last decision after SIGTERM (ha-loop.md §22), once its background task was cancelled:
 * stop PostgreSQL fast, let the leader hand over its key (early when a candidate already has the
 * shutdown checkpoint), publish the stopped state. Paused: leave PostgreSQL and the key alone. In
 * synchronous mode {@code primary_stop_timeout} limits the wait for the stop (ha-loop.md §15.7).
 */
final class Shutdown {
    private Shutdown() {
    }

    static Decision decide(Situation s) {
        if (s.paused()) {
            return Decision.of("Leader key is not deleted and Postgresql is not stopped due paused state");
        }
        boolean leader = s.agent.holdsLeaderKey() || s.viewSaysLeader();
        List<Action> actions = new ArrayList<>();
        // Patroni bounds this stop with primary_stop_timeout on every node, leader or not
        actions.add(new Action.StopPostgres(StopMode.FAST, leader, s.global.stopTimeout().orElse(null)));
        if (leader) {
            actions.add(new Action.ReleaseLeaderLock(true));
        }
        actions.add(new Action.PublishMember());
        return Decision.of(leader ? "stopped PostgreSQL and released the leader key" : "stopped PostgreSQL", actions);
    }
}
