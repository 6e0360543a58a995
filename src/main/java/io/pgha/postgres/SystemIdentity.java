package io.pgha.postgres;

/** A server's answer to IDENTIFY_SYSTEM: cluster identity, current timeline and WAL position (bytes). */
public record SystemIdentity(String systemIdentifier, int timeline, long walPosition) {
}
