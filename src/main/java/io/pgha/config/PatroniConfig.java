package io.pgha.config;

import io.pgha.dcs.EtcdSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded local configuration: the generic tree plus where each key came from. Typed views are one
 * record per section, each built by a static {@code from(...)} reading a {@link Section}; the agent adds
 * its own sections the same way ({@code Watchdog.from(config.section("watchdog"))}).
 */
public final class PatroniConfig {
    private final Map<String, Object> tree;
    private final Origins origins;
    private final String source;

    PatroniConfig(Map<String, Object> tree, Origins origins, String source) {
        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) Trees.frozenCopy(tree);
        this.tree = frozen;
        this.origins = origins.copy();
        this.source = source;
    }

    /** The whole tree, read-only, in file order; values are Map, List, String, Number, Boolean or null. */
    public Map<String, Object> tree() {
        return tree;
    }

    /** What the configuration was loaded from: a path, {@code PATRONI_CONFIGURATION} or {@code environment}. */
    public String source() {
        return source;
    }

    /** The mapping at {@code path} (e.g. {@code section("postgresql", "authentication")}); empty if absent. */
    public Section section(String... path) {
        Section section = Section.root(this);
        for (String key : path) {
            section = section.section(key);
        }
        return section;
    }

    public Optional<String> scope() {
        return section().string("scope");
    }

    /** The configured namespace as written, {@code /service} when unset. */
    public String namespace() {
        return section().string("namespace").orElse(io.pgha.dcs.Keyspace.DEFAULT_NAMESPACE);
    }

    /** The configured cluster ({@code scope}); fails when no scope is configured. */
    public io.pgha.dcs.Keyspace cluster() {
        return cluster(null);
    }

    /** Cluster {@code scope} (e.g. a name given on the command line) in the configured namespace. */
    public io.pgha.dcs.Keyspace cluster(String scope) {
        Section root = section();
        String chosen = scope != null && !scope.isEmpty() ? scope : root.string("scope")
                .orElseThrow(() -> root.error("scope: not set; give a cluster name or set scope (or PATRONI_SCOPE)"));
        return new io.pgha.dcs.Keyspace(namespace(), chosen);
    }

    public Etcd3Section etcd3() {
        return Etcd3Section.from(this);
    }

    /** Shortcut for {@code etcd3().toSettings(timeout)}. */
    public EtcdSettings etcd(Duration timeout) {
        return etcd3().toSettings(timeout);
    }

    public CtlSettings ctl() {
        return CtlSettings.from(this);
    }

    public Optional<CitusSettings> citus() {
        return CitusSettings.from(this);
    }

    /** Where the key at {@code path} came from, for error messages. */
    String originOf(List<String> path) {
        return origins.find(path, source);
    }

    Origins origins() {
        return origins.copy();
    }

    @Override
    public String toString() {
        // the tree holds passwords
        return "PatroniConfig[source=" + source + ", keys=" + tree.keySet() + "]";
    }
}
