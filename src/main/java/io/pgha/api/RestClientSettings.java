package io.pgha.api;

import io.pgha.config.CtlSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How pgha calls a member's REST API: basic-auth credentials (ctl.authentication, else
 * restapi.authentication), TLS files, whether to skip certificate checks (ctl.insecure / -k),
 * and the timeout of one request. Null means "not set". A client certificate ({@code certfile}) whose key
 * is not in {@code keyfile} is read from {@code certfile} itself, as Python's ssl does.
 */
public record RestClientSettings(String username, String password, boolean insecure,
                                 Path cacert, Path certfile, Path keyfile, Duration timeout, String keyfilePassword) {

    /** Peers ask each other's status with a 2 s timeout (rest-api.md §4); the CLI uses the same. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public RestClientSettings {
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public RestClientSettings(String username, String password, boolean insecure,
                              Path cacert, Path certfile, Path keyfile, Duration timeout) {
        this(username, password, insecure, cacert, certfile, keyfile, timeout, null);
    }

    /** What {@code ctl} (falling back to {@code restapi}) configures; {@code insecure} also when -k was given. */
    public static RestClientSettings of(CtlSettings ctl, boolean insecure, Duration timeout) {
        return new RestClientSettings(
                ctl.credentials() == null ? null : ctl.credentials().username(),
                ctl.credentials() == null ? null : ctl.credentials().password(),
                insecure || ctl.insecure(), ctl.cacert(), ctl.certfile(), ctl.keyfile(), timeout, ctl.keyfilePassword());
    }

    public static RestClientSettings plain() {
        return new RestClientSettings(null, null, false, null, null, null, DEFAULT_TIMEOUT);
    }

    public RestClientSettings withTimeout(Duration newTimeout) {
        return new RestClientSettings(username, password, insecure, cacert, certfile, keyfile, newTimeout, keyfilePassword);
    }

    @Override
    public String toString() {
        return "RestClientSettings[username=" + username + ", insecure=" + insecure + ", timeout=" + timeout + "]";
    }
}
