package io.pgha.api;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request as the endpoints see it. {@code path} is the raw (still percent-encoded) path without
 * the query, as Patroni matches it; {@code query} is parsed like Python's {@code parse_qs}: blank
 * values and parameters without {@code =} are dropped. {@code headers} have lower-case names.
 * {@code body} is empty for GET, HEAD and OPTIONS, which never read one. {@code clientCertificate}: the
 * request came over HTTPS with a client certificate the server trusts.
 */
record ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                  InetSocketAddress remote, byte[] body, boolean clientCertificate) {

    ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
               InetSocketAddress remote, byte[] body) {
        this(method, path, query, headers, remote, body, false);
    }

    ApiRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        headers = Collections.unmodifiableMap(lower);
        body = body == null ? new byte[0] : body;
    }

    static ApiRequest of(String method, String pathAndQuery) {
        int mark = pathAndQuery.indexOf('?');
        String path = mark < 0 ? pathAndQuery : pathAndQuery.substring(0, mark);
        return new ApiRequest(method, path, parseQuery(mark < 0 ? null : pathAndQuery.substring(mark + 1)),
                Map.of(), null, null);
    }

    /** The first value of a parameter, or null. */
    String first(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first path segment after any leading slashes: what selects the endpoint. */
    String firstSegment() {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        int end = path.indexOf('/', start);
        return path.substring(start, end < 0 ? path.length() : end);
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return result;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || eq == pair.length() - 1) {
                continue;
            }
            String name = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            result.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a stray % is kept as typed, as Python's unquote does
            return text.replace('+', ' ');
        }
    }
}
