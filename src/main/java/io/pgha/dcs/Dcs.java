package io.pgha.dcs;

import java.util.Optional;

/**
 * The etcd v3 operations Patroni's keyspace needs (keyspace.md §6), independent of the transport.
 * Keys are full paths ({@code /service/demo/leader}); values are UTF-8 text.
 * Every method fails with {@link DcsException} within the configured timeout; none retries forever.
 *
 * <p>Implementations: {@link EtcdGatewayDcs} (okhttp on etcd's JSON gateway, for one-shot CLI
 * commands: it must not load jetcd) and {@link EtcdGrpcDcs} (jetcd, for the agent).
 */
public interface Dcs extends AutoCloseable {

    /** Every key under {@code prefix} (prefix range, linearizable). */
    RangeResult range(String prefix);

    /** One key, if present. */
    Optional<KeyValue> get(String key);

    /** Unconditional put; {@code lease} 0 means none. Returns the revision of the write. */
    long put(String key, String value, long lease);

    /** Put only if the key does not exist (compare CREATE revision = 0): the initialize and leader races. */
    boolean putIfAbsent(String key, String value, long lease);

    /** Put only if the key's mod_revision still equals {@code expectedModRevision} (config, failover, sync CAS). */
    boolean compareAndPut(String key, String value, long expectedModRevision);

    /**
     * Re-attach a key to a new lease only if it still holds {@code expectedValue}, or create it if it is
     * absent (leader update after a lease change, Patroni 3.0.3+).
     */
    boolean compareValueAndPut(String key, String expectedValue, String value, long lease);

    /** Delete only if the key still holds {@code expectedValue} (leader release, Patroni 3.2.0+). */
    boolean compareValueAndDelete(String key, String expectedValue);

    /** Delete only if the key's mod_revision still equals {@code expectedModRevision}. */
    boolean compareAndDelete(String key, long expectedModRevision);

    /** Delete one key; returns how many keys were deleted (0 or 1). */
    long delete(String key);

    /** Delete every key under {@code prefix}; returns how many were deleted. */
    long deletePrefix(String prefix);

    /** A human-readable name of the endpoint(s) for error messages, e.g. {@code http://127.0.0.1:2379}. */
    String endpointDescription();

    @Override
    void close();
}
