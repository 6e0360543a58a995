package io.pgha.ha;

/** What the agent found in {@code postgresql.data_dir} this cycle (ha-loop.md §5.2). */
public enum DataDirectory {
    /** No {@code global/pg_control}; only hidden files or {@code lost+found}. */
    EMPTY,
    /** The directory does not exist; Patroni treats it exactly like an empty one. */
    MISSING,
    /** Holds a PostgreSQL cluster. */
    INITIALIZED,
    /** Reading it failed with an operating-system error. */
    INACCESSIBLE;

    /** Empty, missing and inaccessible directories all lead to the bootstrap/clone paths. */
    public boolean needsData() {
        return this != INITIALIZED;
    }
}
