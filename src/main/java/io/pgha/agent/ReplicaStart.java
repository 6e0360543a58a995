package io.pgha.agent;

import io.pgha.ha.PostgresState;
import io.pgha.ha.Role;
import io.pgha.ha.Upstream;
import io.pgha.postgres.PostgresException;
import io.pgha.postgres.PostgresRole;
import io.pgha.postgres.StartOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Starting the local PostgreSQL in a given role, with the published state following along: {@code starting},
 * then {@code running} once it accepts connections, or {@code start failed}. Shared by every executor that
 * starts the server (recovery, clone, demotion).
 */
final class ReplicaStart {
    private static final System.Logger LOG = System.getLogger(ReplicaStart.class.getName());

    private final AgentParts parts;

    ReplicaStart(AgentParts parts) {
        this.parts = parts;
    }

    /** Starts as a replica of {@code upstream} (null: read-only without one) streaming through {@code slot}. */
    boolean asReplica(Upstream upstream, String slot, Duration timeout) {
        return start(Role.REPLICA, upstream, slot, timeout);
    }

    boolean start(Role role, Upstream upstream, String slot, Duration timeout) {
        Role previous = parts.memory.role();
        Callbacks.Event announce = parts.callbacks.takeExpected();
        // Patroni's follow() announces a role change instead of on_start, once any callback was announced
        // before; its restarts and a primary's start are not follow()
        boolean roleChange = role != Role.PRIMARY && announce != Callbacks.Event.ON_RESTART && parts.callbacks.called()
                && io.pgha.ha.RoleChange.announced(previous, role);
        boolean started = startServer(role, upstream, slot, timeout);
        if (roleChange) {
            parts.callbacks.fire(Callbacks.Event.ON_ROLE_CHANGE, parts.memory.role());
        } else if (announce != null && parts.local.state() == PostgresState.RUNNING) {
            parts.callbacks.fire(announce, parts.memory.role());
        } else if (announce != null && started) {
            parts.callbacks.deferUntilRunning(announce);
        }
        return started;
    }

    private boolean startServer(Role role, Upstream upstream, String slot, Duration timeout) {
        parts.memory.role(role == Role.PRIMARY || role == Role.STANDBY_LEADER ? role : Role.REPLICA);
        parts.memory.upstream(role == Role.PRIMARY ? null : upstream);
        parts.local.state(PostgresState.STARTING, Instant.now());
        Optional<io.pgha.postgres.Upstream> server = role == Role.PRIMARY ? Optional.empty()
                : AgentParts.server(upstream, slot);
        LOG.log(System.Logger.Level.INFO, "starting PostgreSQL as " + role.patroniName()
                + (server.isPresent() ? " of " + server.get() : ""));
        try {
            var postgres = parts.postgres();
            StartOutcome outcome = postgres.start(role == Role.PRIMARY ? PostgresRole.PRIMARY : PostgresRole.REPLICA,
                    server, timeout == null || timeout.isZero() ? postgres.settings().pgCtlTimeout() : timeout);
            if (outcome == StartOutcome.READY) {
                parts.local.state(PostgresState.RUNNING, Instant.now());
            }
            return true;
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            // whatever runs now (a postmaster someone else started) was not started with this upstream:
            // forgetting it makes the next cycle point the recovery configuration at the leader again
            parts.memory.upstream(null);
            parts.local.state(PostgresState.START_FAILED, Instant.now());
            return false;
        }
    }
}
