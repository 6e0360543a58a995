package io.pgha.dcs;

/**
 * One etcd key as read: full key path, UTF-8 value, the revisions Patroni keys its
 * compare-and-set writes on, and the lease id (0 when the key has none).
 */
public record KeyValue(String key, String value, long createRevision, long modRevision, long lease) {
}
