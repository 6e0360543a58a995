package io.pgha.postgres;

/** How the local server is started: read-write primary, or standby (streaming or read-only). */
public enum PostgresRole {
    PRIMARY,
    REPLICA
}
