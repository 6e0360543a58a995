package io.pgha.config;

import io.pgha.dcs.EtcdSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code etcd3} section read as Patroni's etcd client reads it (config.md §3.5): endpoints from
 * {@code proxy}, else {@code url}, else {@code hosts} (list or comma-separated, default port
 * {@code port} or 2379), else {@code host}; {@code protocol} http or https. Null means "not set".
 */
public record Etcd3Section(
        List<URI> endpoints,
        boolean useProxies,
        String username,
        String password,
        Path cacert,
        Path cert,
        Path key) {

    public static final int DEFAULT_PORT = 2379;

    public Etcd3Section {
        endpoints = List.copyOf(endpoints);
    }

    public EtcdSettings toSettings(Duration timeout) {
        return new EtcdSettings(endpoints, username, password, cacert, cert, key, timeout);
    }

    static Etcd3Section from(PatroniConfig config) {
        Section etcd3 = config.section("etcd3");
        if (!etcd3.isPresent()) {
            throw missing(config);
        }
        String protocol = etcd3.string("protocol").orElse("http").toLowerCase(Locale.ROOT);
        if (!protocol.equals("http") && !protocol.equals("https")) {
            throw etcd3.error("protocol", "expected http or https, got " + Section.describe("protocol", etcd3.raw("protocol")));
        }
        String username = etcd3.string("username").orElse(null);
        String password = etcd3.string("password").orElse(null);
        boolean useProxies = etcd3.bool("use_proxies").orElse(false);
        List<URI> endpoints;
        String urlKey = etcd3.has("proxy") ? "proxy" : etcd3.has("url") ? "url" : null;
        if (urlKey != null) {
            UrlParts url = url(etcd3, urlKey);
            endpoints = List.of(endpoint(url.scheme(), url.host(), url.port() == null ? DEFAULT_PORT : url.port()));
            // Patroni takes the credentials of a url from the url alone, dropping etcd3.username/password.
            username = url.username();
            password = url.password();
            useProxies = useProxies || urlKey.equals("proxy");
        } else if (etcd3.has("hosts")) {
            endpoints = hosts(etcd3, protocol);
        } else if (etcd3.has("host")) {
            String value = etcd3.string("host").orElseThrow();
            HostPort hostPort = HostPort.parse(value, DEFAULT_PORT)
                    .orElseThrow(() -> etcd3.error("host", "expected host:port, got " + Section.quote(value)));
            // as in Patroni, an explicit etcd3.port wins over the port written in host
            int port = etcd3.integer("port").orElse(hostPort.port());
            endpoints = List.of(endpoint(protocol, hostPort.host(), port));
        } else if (etcd3.has("srv") || etcd3.has("srv_suffix") || etcd3.has("discovery_srv") || etcd3.has("srv_domain")) {
            throw etcd3.error("DNS SRV discovery is not supported by pgha; list the endpoints in etcd3.hosts");
        } else {
            throw etcd3.error("no endpoint; set hosts (host:port,...), host, url or proxy");
        }
        return new Etcd3Section(endpoints, useProxies, username, password,
                etcd3.file("cacert").orElse(null), etcd3.file("cert").orElse(null), etcd3.file("key").orElse(null));
    }

    private static ConfigException missing(PatroniConfig config) {
        Section root = config.section();
        if (root.has("etcd")) {
            return root.error("etcd", "pgha supports etcd v3 only; configure an etcd3 section (same keys) "
                    + "instead of Patroni's etcd section, which uses the v2 API");
        }
        for (String other : List.of("consul", "zookeeper", "exhibitor", "kubernetes", "raft")) {
            if (root.has(other)) {
                return root.error(other, "pgha supports etcd v3 only; configure an etcd3 section");
            }
        }
        return root.error("no etcd3 section; set etcd3.hosts in the configuration, PATRONI_ETCD3_HOSTS, "
                + "or -d etcd3://HOST:PORT");
    }

    private static UrlParts url(Section etcd3, String key) {
        String value = etcd3.string(key).orElseThrow();
        UrlParts url;
        try {
            url = UrlParts.parse(value);
        } catch (IllegalArgumentException e) {
            throw etcd3.error(key, e.getMessage());
        }
        if (!url.scheme().equals("http") && !url.scheme().equals("https") || url.host() == null) {
            throw etcd3.error(key, "expected http(s)://host:port, got " + Section.quote(redacted(url, value)));
        }
        return url;
    }

    private static List<URI> hosts(Section etcd3, String protocol) {
        Object raw = etcd3.raw("hosts");
        List<Object> items = new ArrayList<>();
        if (raw instanceof List<?> list) {
            items.addAll(list);
        } else if (raw instanceof String text) {
            items.addAll(List.of(text.split(",")));
        } else {
            throw etcd3.error("hosts", "expected a list of host:port, got " + Section.describe("hosts", raw));
        }
        int defaultPort = etcd3.integer("port").orElse(DEFAULT_PORT);
        List<URI> endpoints = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof String text && text.isBlank()) {
                continue; // a trailing comma
            }
            HostPort hostPort = item instanceof String text ? HostPort.parse(text.strip(), defaultPort).orElse(null) : null;
            if (hostPort == null) {
                throw etcd3.error("hosts", "expected host:port, got " + Section.describe("hosts", item));
            }
            endpoints.add(endpoint(protocol, hostPort.host(), hostPort.port()));
        }
        if (endpoints.isEmpty()) {
            throw etcd3.error("hosts", "is empty; list at least one host:port");
        }
        return endpoints;
    }

    private static URI endpoint(String protocol, String host, int port) {
        return URI.create(protocol + "://" + UrlParts.hostPort(host, port));
    }

    private static String redacted(UrlParts url, String value) {
        return url.password() == null ? value : value.replace(":" + url.password() + "@", ":***@");
    }

    @Override
    public String toString() {
        return "Etcd3Section[endpoints=" + endpoints + ", useProxies=" + useProxies + ", username=" + username
                + ", password=" + (password == null ? null : "***") + ", cacert=" + cacert + ", cert=" + cert
                + ", key=" + key + "]";
    }
}
