package io.pgha.api;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an endpoint answers (rest-api.md §1): a JSON body, a bare {@code text/html} message as Patroni
 * sends them, plain text for metrics, the framework's HTML error page, or only a status line
 * ({@code statusOnly}: HEAD, OPTIONS, /liveness, /readiness).
 */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers, boolean statusOnly) {

    static final String JSON = "application/json";
    static final String HTML = "text/html";
    static final String PLAIN = "text/plain";

    ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, utf8(io.pgha.text.PyJson.dumps(value)), Map.of(), false);
    }

    /** Patroni's plain messages ({@code reload scheduled}) carry {@code text/html}. */
    static ApiResponse message(int status, String text) {
        return new ApiResponse(status, HTML, utf8(text), Map.of(), false);
    }

    static ApiResponse plain(int status, String text) {
        return new ApiResponse(status, PLAIN, utf8(text), Map.of(), false);
    }

    static ApiResponse statusOnly(int status) {
        return new ApiResponse(status, null, new byte[0], Map.of(), true);
    }

    static ApiResponse error(int status) {
        return ErrorPage.of(status, null);
    }

    static ApiResponse error(int status, String message) {
        return ErrorPage.of(status, message);
    }

    ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, contentType, body, more, statusOnly);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
