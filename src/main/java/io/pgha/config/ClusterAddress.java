package io.pgha.config;

/**
 * Where one cluster lives in the DCS. The base path joins "", namespace and scope with {@code /} and
 * collapses runs of slashes (keyspace.md §1), so {@code service}, {@code /service}, {@code /service/}
 * and {@code //service} all give {@code /service/<scope>}.
 */
public record ClusterAddress(String namespace, String scope) {
    public static final String DEFAULT_NAMESPACE = "/service";

    public ClusterAddress {
        if (namespace == null || namespace.isEmpty()) {
            namespace = DEFAULT_NAMESPACE;
        }
        if (scope == null || scope.isEmpty()) {
            throw new IllegalArgumentException("scope must not be empty");
        }
    }

    /** {@code /service/<scope>}: every key of the cluster is {@code <basePath>/<name>}. */
    public String basePath() {
        return ("/" + namespace + "/" + scope).replaceAll("/+", "/");
    }

    /** {@code <basePath>/}, for reading the whole cluster with one prefix range. */
    public String prefix() {
        return basePath() + "/";
    }

    /** The key of {@code name} (e.g. {@code leader}, {@code members/node1}). */
    public String key(String name) {
        return basePath() + "/" + name;
    }

    static ClusterAddress from(PatroniConfig config, String scope) {
        Section root = config.section();
        String namespace = config.namespace();
        String chosen = scope != null && !scope.isEmpty() ? scope : root.string("scope")
                .orElseThrow(() -> root.error("scope: not set; give a cluster name or set scope (or PATRONI_SCOPE)"));
        return new ClusterAddress(namespace, chosen);
    }
}
