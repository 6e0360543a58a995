package io.pgha.dcs;

/** One change seen by a watch. A DELETE carries the key and its deletion revision as mod_revision, with an empty value. */
public record WatchEvent(Type type, KeyValue kv) {
    public enum Type { PUT, DELETE }
}
