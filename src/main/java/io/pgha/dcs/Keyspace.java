package io.pgha.dcs;

import java.util.Optional;

/**
 * Key names of one cluster: {@code /<namespace>/<scope>/<name>} (keyspace.md §1). The namespace is
 * normalised as Patroni does: "service", "/service", "/service/" and "//service" are the same.
 */
public record Keyspace(String namespace, String scope) {

    public static final String DEFAULT_NAMESPACE = "/service";

    public Keyspace {
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("scope (cluster name) is empty");
        }
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
    }

    /** {@code /service/}: the prefix every key of every cluster in {@code namespace} starts with. */
    public static String namespacePrefix(String namespace) {
        return ("/" + (namespace == null ? DEFAULT_NAMESPACE : namespace) + "/").replaceAll("/+", "/");
    }

    /** {@code /service/demo} */
    public String base() {
        return ("/" + namespace + "/" + scope).replaceAll("/+", "/");
    }

    /** {@code /service/demo/}: the prefix every key of the cluster starts with. */
    public String prefix() {
        return base() + "/";
    }

    public String key(String name) {
        return prefix() + name;
    }

    public String config() {
        return key("config");
    }

    public String initialize() {
        return key("initialize");
    }

    public String leader() {
        return key("leader");
    }

    public String member(String memberName) {
        return key("members/" + memberName);
    }

    public String failover() {
        return key("failover");
    }

    public String sync() {
        return key("sync");
    }

    public String history() {
        return key("history");
    }

    public String status() {
        return key("status");
    }

    public String failsafe() {
        return key("failsafe");
    }

    public String legacyOptime() {
        return key("optime/leader");
    }

    /** The name relative to the cluster prefix ({@code members/node1}), if the key is under it. */
    public Optional<String> relativeName(String fullKey) {
        return fullKey.startsWith(prefix()) ? Optional.of(fullKey.substring(prefix().length())) : Optional.empty();
    }

    /** The member name when {@code relative} is a direct child of members/, per keyspace.md §1. */
    public static Optional<String> memberName(String relative) {
        if (!relative.startsWith("members/")) {
            return Optional.empty();
        }
        String name = relative.substring("members/".length());
        return name.isEmpty() || name.contains("/") ? Optional.empty() : Optional.of(name);
    }
}
