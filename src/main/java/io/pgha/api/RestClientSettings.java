package io.pgha.api;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How pgha calls a member's REST API: basic-auth credentials (ctl.authentication, else
 * restapi.authentication), TLS files, whether to skip certificate checks (ctl.insecure / -k),
 * and the timeout of one request. Null means "not set".
 */
public record RestClientSettings(String username, String password, boolean insecure,
                                 Path cacert, Path certfile, Path keyfile, Duration timeout) {

    /** Peers ask each other's status with a 2 s timeout (rest-api.md §4); the CLI uses the same. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public RestClientSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static RestClientSettings plain() {
        return new RestClientSettings(null, null, false, null, null, null, DEFAULT_TIMEOUT);
    }

    public RestClientSettings withTimeout(Duration newTimeout) {
        return new RestClientSettings(username, password, insecure, cacert, certfile, keyfile, newTimeout);
    }

    @Override
    public String toString() {
        return "RestClientSettings[username=" + username + ", insecure=" + insecure + ", timeout=" + timeout + "]";
    }
}
