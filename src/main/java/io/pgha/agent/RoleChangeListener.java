package io.pgha.agent;

import io.pgha.ha.Role;

/**
 * Told when the agent's role for its PostgreSQL changes (e.g. {@code replica → promoted → primary},
 * {@code primary → demoted → replica}). Called on a thread of its own, one change at a time, in order;
 * a slow listener delays later notifications, never the HA loop.
 */
@FunctionalInterface
public interface RoleChangeListener {
    void roleChanged(Role previous, Role current);
}
