package io.pgha.dcs;

/**
 * etcd no longer knows the lease a put or keep-alive named (it expired or was revoked): the caller
 * grants a new lease and, for the leader race, tries once more (keyspace.md §4).
 */
public final class LeaseNotFoundException extends DcsException {
    public LeaseNotFoundException(String message) {
        super(message);
    }
}
