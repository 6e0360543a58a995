package io.pgha.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * postgresql.authentication: the superuser (the agent's own connections and initdb's user), the
 * replication user (replicas, pg_basebackup) and an optional dedicated pg_rewind user.
 */
public record Authentication(Credentials superuser, Credentials replication, Credentials rewind) {
    public Authentication {
        if (superuser == null) {
            throw new IllegalArgumentException("authentication.superuser is required");
        }
        if (replication == null) {
            throw new IllegalArgumentException("authentication.replication is required");
        }
    }

    /** Who runs pg_rewind: the rewind user when configured, else the superuser. */
    public Credentials rewindOrSuperuser() {
        return rewind == null ? superuser : rewind;
    }

    /** The rewind user when it is a role of its own, distinct from the superuser. */
    public boolean hasDedicatedRewindUser() {
        return rewind != null && !rewind.username().equals(superuser.username());
    }

    List<Credentials> all() {
        List<Credentials> all = new ArrayList<>(List.of(superuser, replication));
        if (rewind != null) {
            all.add(rewind);
        }
        return all;
    }
}
