package io.pgha.dcs;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach etcd: client endpoints ({@code http://host:port} or {@code https://...}),
 * optional user/password (token auth), optional TLS files, and the overall time budget of one
 * operation (Patroni's retry_timeout, 10 s by default), split across the endpoints.
 * A null path or username means "not set".
 */
public record EtcdSettings(
        List<URI> endpoints,
        String username,
        String password,
        Path cacert,
        Path cert,
        Path key,
        Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public EtcdSettings {
        if (endpoints == null || endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd3: no endpoint configured (hosts, host or url)");
        }
        endpoints = List.copyOf(endpoints);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Plain endpoints without auth or TLS. */
    public static EtcdSettings of(List<URI> endpoints, Duration timeout) {
        return new EtcdSettings(endpoints, null, null, null, null, null, timeout);
    }

    public EtcdSettings withTimeout(Duration newTimeout) {
        return new EtcdSettings(endpoints, username, password, cacert, cert, key, newTimeout);
    }

    @Override
    public String toString() {
        // never print the password
        return "EtcdSettings[endpoints=" + endpoints + ", username=" + username
                + ", tls=" + (cacert != null || cert != null) + ", timeout=" + timeout + "]";
    }
}
