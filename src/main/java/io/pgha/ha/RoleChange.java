package io.pgha.ha;

/**
 * Patroni 3.0.2's rule (postgresql/__init__.py {@code follow()}) for announcing a (re)start or reload as
 * {@code on_role_change} instead of {@code on_start}/{@code on_restart}/{@code on_reload}: the server ran
 * as a primary or was demoted, or it moves between standby leader and replica. Patroni also requires
 * that a callback was announced before ({@code cb_called}); the agent adds that part.
 */
public final class RoleChange {
    private RoleChange() {
    }

    public static boolean announced(Role before, Role after) {
        return before == Role.PRIMARY || before == Role.DEMOTED
                || before == Role.STANDBY_LEADER && after == Role.REPLICA
                || before == Role.REPLICA && after == Role.STANDBY_LEADER;
    }
}
