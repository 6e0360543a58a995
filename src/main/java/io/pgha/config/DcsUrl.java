package io.pgha.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * patronictl's {@code -d/--dcs-url SCHEME://HOST:PORT/NAMESPACE} (patronictl.md §1), etcd3 only.
 * A missing host is {@code localhost}, a missing port 2379; a path other than {@code /} replaces the
 * namespace (null: keep the configured one).
 */
public record DcsUrl(String host, int port, String namespace) {
    /** What the option is called in messages and in origins of the keys it sets. */
    public static final String OPTION = "-d/--dcs-url";

    /** The DCS sections patronictl drops before applying {@code -d}. */
    private static final List<String> DCS_SECTIONS = List.of("zookeeper", "exhibitor", "consul", "etcd", "etcd3");

    /**
     * @throws ConfigException {@code Unknown dcs scheme: <s>} as patronictl says it; a one-line
     *         explanation for schemes patronictl knows but pgha does not speak
     */
    public static DcsUrl parse(String text) {
        String url = text.contains("//") ? text : "//" + text;
        UrlParts parts;
        try {
            parts = UrlParts.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid " + OPTION + " " + Section.quote(text) + ": " + e.getMessage());
        }
        String scheme = parts.scheme();
        Integer port = parts.port() == null || parts.port() == 0 ? null : parts.port();
        String host = parts.host() == null ? "localhost" : parts.host();
        if (scheme.isEmpty()) {
            throw new ConfigException(OPTION + " " + text + " has no scheme, which patronictl reads as "
                    + implied(port) + "; pgha supports etcd v3 only: write etcd3://"
                    + UrlParts.hostPort(host, port == null ? Etcd3Section.DEFAULT_PORT : port));
        }
        switch (scheme) {
            case "etcd3" -> {
            }
            case "etcd" -> throw new ConfigException("Unsupported dcs scheme: etcd is etcd's v2 API; "
                    + "pgha supports etcd v3 only: write etcd3://" + UrlParts.hostPort(host,
                    port == null ? Etcd3Section.DEFAULT_PORT : port));
            case "consul", "zookeeper", "exhibitor" -> throw new ConfigException("Unsupported dcs scheme: " + scheme
                    + "; pgha supports etcd v3 only: write etcd3://HOST:PORT");
            default -> throw new ConfigException("Unknown dcs scheme: " + scheme);
        }
        String path = parts.path().strip();
        String namespace = path.isEmpty() || path.equals("/") ? null : path;
        return new DcsUrl(host, port == null ? Etcd3Section.DEFAULT_PORT : port, namespace);
    }

    /** {@code host:port}, IPv6 in brackets. */
    public String endpoint() {
        return UrlParts.hostPort(host, port);
    }

    /** Replaces every DCS section with {@code etcd3: {host: <endpoint>}} and sets the namespace if given. */
    public PatroniConfig applyTo(PatroniConfig config) {
        Map<String, Object> tree = Trees.mutableTree(config.tree());
        Origins origins = config.origins();
        for (String section : DCS_SECTIONS) {
            tree.remove(section);
            origins.removeUnder(List.of(section));
        }
        Map<String, Object> etcd3 = new LinkedHashMap<>();
        etcd3.put("host", endpoint());
        tree.put("etcd3", etcd3);
        origins.put(List.of("etcd3"), OPTION);
        if (namespace != null) {
            tree.put("namespace", namespace);
            origins.put(List.of("namespace"), OPTION);
        }
        return new PatroniConfig(tree, origins, config.source());
    }

    /** The DCS patronictl picks for a URL without a scheme: the first whose default port matches, else etcd. */
    private static String implied(Integer port) {
        return switch (port == null ? 0 : port) {
            case 2181 -> "zookeeper";
            case 8181 -> "exhibitor";
            case 8500 -> "consul";
            default -> "etcd (v2)";
        };
    }
}
