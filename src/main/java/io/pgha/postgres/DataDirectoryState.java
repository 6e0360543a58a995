package io.pgha.postgres;

/** What the data directory holds, as the HA decisions (ha-loop.md §5.2) distinguish it. */
public enum DataDirectoryState {
    /** No directory at all: a new member that has to bootstrap or clone. */
    MISSING,
    /** Only hidden files or lost+found, no global/pg_control. */
    EMPTY,
    /** A cluster with a valid system identifier. */
    INITIALIZED,
    /** Not empty, but pg_controldata gives no valid system identifier. */
    INVALID,
    /** The directory cannot be read (permissions, I/O error). */
    INACCESSIBLE
}
