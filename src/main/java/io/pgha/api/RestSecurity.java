package io.pgha.api;

import io.pgha.config.RestApiSecurity;
import io.pgha.tls.PemKeys;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The REST API's protection besides basic auth (rest-api.md §2): HTTPS from {@code restapi.certfile},
 * the client-certificate policy {@code verify_client}, and the allow list. As in Patroni:
 * {@code required} makes the TLS handshake demand a certificate trusted by {@code cafile} (the JDK's
 * authorities without one) for every request; {@code optional} asks for one, fails the handshake on an
 * untrusted one, and refuses unsafe requests that came without one with 403
 * {@code client certificate required}; {@code none} never asks.
 */
public final class RestSecurity {
    static final RestSecurity NONE = new RestSecurity(null, "none", null);

    private final SSLContext tls;
    private final String verifyClient;
    private final Allowlist allowlist;

    private RestSecurity(SSLContext tls, String verifyClient, Allowlist allowlist) {
        this.tls = tls;
        this.verifyClient = verifyClient;
        this.allowlist = allowlist;
    }

    /**
     * Loads the certificate and key and resolves the allow list now, so a bad file stops the agent at
     * start; throws {@link IllegalArgumentException} naming the setting and file.
     */
    public static RestSecurity of(RestApiSecurity config) {
        Allowlist allowlist = Allowlist.of(config.allowlist(), config.allowlistIncludeMembers());
        if (!config.https()) {
            return new RestSecurity(null, "none", allowlist);
        }
        List<Certificate> chain = PemKeys.certificates(config.certfile(), "restapi.certfile");
        Path keyfile = config.keyfile() == null ? config.certfile() : config.keyfile();
        byte[] keyPem = PemKeys.read(keyfile, config.keyfile() == null ? "restapi.certfile" : "restapi.keyfile");
        PrivateKey key;
        try {
            key = PemKeys.privateKey(keyPem, config.keyfilePassword());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException((config.keyfile() == null ? "restapi.certfile " : "restapi.keyfile ")
                    + keyfile + ": " + e.getMessage(), e);
        }
        try {
            KeyManagerFactory keys = PemKeys.keyManagers(chain, key);
            TrustManagerFactory trust = PemKeys.trustManagers(
                    config.cafile() == null ? null : PemKeys.certificates(config.cafile(), "restapi.cafile"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return new RestSecurity(context, config.verifyClient(), allowlist);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("restapi.certfile " + config.certfile() + ": " + e.getMessage(), e);
        }
    }

    boolean https() {
        return tls != null;
    }

    SSLContext sslContext() {
        return tls;
    }

    /** The server side of each handshake: whether to ask for a client certificate, and whether to insist. */
    SSLParameters handshake(SSLParameters defaults) {
        if ("required".equals(verifyClient)) {
            defaults.setNeedClientAuth(true);
        } else if ("optional".equals(verifyClient)) {
            defaults.setWantClientAuth(true);
        }
        return defaults;
    }

    /** Patroni's order of checks before an unsafe endpoint: allow list, client certificate, then {@code auth}. */
    AccessControl around(AccessControl auth) {
        boolean certificateNeeded = https() && !"none".equals(verifyClient);
        return (request, view) -> {
            if (allowlist != null) {
                Optional<ApiResponse> refused = allowlist.check(request, view);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            if (certificateNeeded && !request.clientCertificate()) {
                return Optional.of(ApiResponse.message(403, "client certificate required"));
            }
            return auth.check(request, view);
        };
    }

    @Override
    public String toString() {
        return "RestSecurity[https=" + https() + ", verifyClient=" + verifyClient + ", allowlist=" + (allowlist != null) + "]";
    }
}
