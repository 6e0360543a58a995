package io.pgha.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code restapi.authentication} on the unsafe endpoints (rest-api.md §2, check 3): the
 * {@code Authorization} header must be {@code Basic base64(username:password)}, compared in constant time
 * as Patroni compares it. Refusals are 401 with Patroni's texts and {@code WWW-Authenticate}.
 * {@link #toString()} never shows the password.
 */
public final class BasicAuth implements AccessControl {
    private static final String CHALLENGE = "Basic realm=\"Patroni\"";

    private final String username;
    private final byte[] expected;

    public BasicAuth(String username, String password) {
        this.username = username;
        this.expected = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** No credentials configured: every request passes. */
    static AccessControl orOpen(BasicAuth auth) {
        return auth == null ? AccessControl.OPEN : auth;
    }

    @Override
    public Optional<ApiResponse> check(ApiRequest request, NodeView view) {
        String header = request.headers().get("authorization");
        if (header == null) {
            return Optional.of(refuse("no auth header received"));
        }
        if (!header.startsWith("Basic ")
                || !MessageDigest.isEqual(expected, header.substring(6).getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(refuse("not authenticated"));
        }
        return Optional.empty();
    }

    private static ApiResponse refuse(String reason) {
        return ApiResponse.message(401, reason).withHeader("WWW-Authenticate", CHALLENGE);
    }

    @Override
    public String toString() {
        return "BasicAuth[username=" + username + ", password=***]";
    }
}
