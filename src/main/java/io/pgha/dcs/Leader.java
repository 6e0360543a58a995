package io.pgha.dcs;

/** The {@code leader} key: the lock holder's name, and the revision and lease the lock is held with. */
public record Leader(String name, long modRevision, long lease) {
}
