package io.pgha.dcs;

import static io.pgha.dcs.JsonFields.asLong;
import static io.pgha.dcs.JsonFields.asText;
import static io.pgha.dcs.JsonFields.at;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * HTTP side of {@link EtcdGatewayDcs}: one POST to etcd's v3 JSON gateway, tried on each endpoint in turn
 * within the settings' time budget, with API-prefix discovery and token authentication (keyspace.md §8).
 */
final class GatewayClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration MIN_TRY = Duration.ofSeconds(1);
    private static final List<String> REAUTH_ERRORS =
            List.of("invalid auth token", "revision of auth store is old", "user name is empty");
    private static final int GRPC_UNAVAILABLE = 14;

    private final EtcdSettings settings;
    private final OkHttpClient http;
    private volatile String apiPrefix;
    private volatile String token;

    GatewayClient(EtcdSettings settings) {
        this.settings = settings;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                // the per-call timeout set in send() is the only bound; these would cut it short
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO);
        if (settings.cacert() != null || settings.cert() != null || settings.key() != null) {
            PemTls tls = PemTls.load(settings.cacert(), settings.cert(), settings.key());
            builder.sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager());
        } else if (allPlainHttp(settings.endpoints())) {
            // with no TLS connection spec okhttp leaves the JDK's trust store and TLS stack unloaded (~0.2 s per command)
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.http = builder.build();
    }

    private static boolean allPlainHttp(List<URI> endpoints) {
        for (URI endpoint : endpoints) {
            if (!"http".equalsIgnoreCase(endpoint.getScheme())) {
                return false;
            }
        }
        return true;
    }

    /**
     * POSTs {@code body} to {@code <api prefix><path>} (e.g. {@code /kv/range}) and returns etcd's answer,
     * a JSON object (see {@link Json#parse}). Endpoints that refuse, time out or report Unavailable are
     * skipped; any other error of etcd fails at once.
     */
    Map<String, Object> post(String path, Map<String, Object> body) {
        long budget = settings.timeout().toNanos();
        long deadline = System.nanoTime() + budget;
        List<URI> endpoints = settings.endpoints();
        long perTry = Math.max(MIN_TRY.toNanos(), budget / endpoints.size());
        List<String> failures = new ArrayList<>();
        for (URI endpoint : endpoints) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                failures.add(endpoint + ": not tried, " + seconds(budget) + " budget spent");
                continue;
            }
            try {
                return attempt(base(endpoint), path, body, Math.min(perTry, remaining));
            } catch (Unreachable e) {
                failures.add(endpoint + ": " + e.getMessage());
            }
        }
        throw new DcsException("etcd unreachable at " + String.join("; ", failures));
    }

    String endpointDescription() {
        return settings.endpoints().stream().map(URI::toString).reduce((a, b) -> a + "," + b).orElse("");
    }

    private Map<String, Object> attempt(String base, String path, Map<String, Object> body, long tryNanos) {
        Deadline deadline = new Deadline(System.nanoTime() + tryNanos, tryNanos);
        if (apiPrefix == null) {
            apiPrefix = discoverPrefix(base, deadline);
        }
        if (settings.username() != null && token == null) {
            token = authenticate(base, deadline);
        }
        try {
            return call(base, path, body, deadline);
        } catch (EtcdError e) {
            if (settings.username() == null || REAUTH_ERRORS.stream().noneMatch(e.getMessage()::contains)) {
                throw e.toDcsException(base);
            }
        }
        // the token expired or the auth store changed: one fresh token, one more try
        token = authenticate(base, deadline);
        try {
            return call(base, path, body, deadline);
        } catch (EtcdError e) {
            throw e.toDcsException(base);
        }
    }

    private String discoverPrefix(String base, Deadline deadline) {
        Request request = new Request.Builder().url(base + "/version").get().build();
        Answer answer = send(request, deadline);
        Object version = parse(base + "/version", answer);
        String cluster = asText(at(version, "etcdcluster"));
        // etcdcluster reads "not_decided" while a fresh cluster elects; the server version is the next best thing
        String chosen = cluster.matches("\\d+\\.\\d+.*") ? cluster : asText(at(version, "etcdserver"));
        String[] parts = chosen.split("\\.");
        if (parts.length < 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            throw unexpected(base + "/version", "no etcd version in " + snippet(answer.text()));
        }
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        if (major == 3 && minor < 3) {
            return "/v3alpha";
        }
        return major == 3 && minor == 3 ? "/v3beta" : "/v3";
    }

    private String authenticate(String base, Deadline deadline) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", settings.username());
        body.put("password", settings.password());
        try {
            Map<String, Object> answer = call(base, "/auth/authenticate", body, deadline);
            String fresh = asText(answer.get("token"));
            if (fresh.isEmpty()) {
                throw unexpected(base + apiPrefix + "/auth/authenticate", "no token in the answer");
            }
            return fresh;
        } catch (EtcdError e) {
            if (e.getMessage().contains("authentication is not enabled")) {
                return "";
            }
            throw new DcsException("etcd at " + base + " refused user " + settings.username() + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String base, String path, Map<String, Object> body, Deadline deadline) {
        String url = base + apiPrefix + path;
        Request.Builder request = new Request.Builder().url(url)
                .post(RequestBody.create(Json.write(body).getBytes(StandardCharsets.UTF_8), JSON));
        String current = token;
        if (current != null && !current.isEmpty() && !path.equals("/auth/authenticate")) {
            request.header("authorization", current);
        }
        Answer answer = send(request.build(), deadline);
        if (answer.code / 100 != 2) {
            throw etcdError(url, answer);
        }
        if (!(parse(url, answer) instanceof Map<?, ?> json) || !json.containsKey("header")) {
            throw unexpected(url, "no header in " + snippet(answer.text()));
        }
        return (Map<String, Object>) json;
    }

    private RuntimeException etcdError(String url, Answer answer) {
        Optional<Object> parsed = Json.parse(answer.text());
        if (parsed.isEmpty() || !(parsed.get() instanceof Map<?, ?> error)
                || !(error.containsKey("error") || error.containsKey("message"))) {
            if (answer.code == 503) {
                return new Unreachable("HTTP 503 " + snippet(answer.text()));
            }
            return unexpected(url, "HTTP " + answer.code + " " + snippet(answer.text()));
        }
        String message = oneLine(asText(error.get("message") != null ? error.get("message") : error.get("error")));
        if (error.get("code") != null && asLong(error.get("code")) == GRPC_UNAVAILABLE) {
            return new Unreachable(message);
        }
        return new EtcdError(message);
    }

    private Answer send(Request request, Deadline deadline) {
        long nanos = deadline.at() - System.nanoTime();
        if (nanos <= 0) {
            throw new Unreachable("no time left to ask");
        }
        Call call = http.newCall(request);
        call.timeout().timeout(nanos, TimeUnit.NANOSECONDS);
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            return new Answer(response.code(), body.bytes());
        } catch (IOException e) {
            throw new Unreachable(describe(e, deadline.budget()));
        }
    }

    private static Object parse(String url, Answer answer) {
        String text = answer.text();
        if (text.isBlank()) {
            throw unexpected(url, "empty body");
        }
        return Json.parse(text).orElseThrow(() -> unexpected(url, "not JSON: " + snippet(text)));
    }

    private static DcsException unexpected(String url, String detail) {
        return new DcsException("unexpected response from etcd at " + url + ": " + detail);
    }

    private static String describe(IOException e, long nanos) {
        if (e instanceof InterruptedIOException) {
            return "no answer within " + seconds(nanos);
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException && root.getMessage() != null) {
            return oneLine(root.getMessage());
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof SSLException || e instanceof SSLException) {
            return "TLS failed: " + oneLine(String.valueOf(root.getMessage()));
        }
        return oneLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
    }

    static String seconds(long nanos) {
        String text = String.format(Locale.ROOT, "%.1f", nanos / 1e9);
        return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + " s";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    /** At most 80 printable characters of a body, for messages. */
    private static String snippet(String text) {
        String printable = oneLine(text.replaceAll("[^\\x20-\\x7e]", "?"));
        return printable.length() <= 80 ? printable : printable.substring(0, 80) + "...";
    }

    private static String base(URI endpoint) {
        String text = endpoint.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        // calls are synchronous: the dispatcher's executor was never created, and asking for it would create it
        http.connectionPool().evictAll();
    }

    /** When one endpoint's try ends, and the time it was given (which a timeout reports). */
    private record Deadline(long at, long budget) {
    }

    private record Answer(int code, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** This endpoint cannot serve the request now; the next one may. */
    private static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    /** etcd answered with an error of its own (its message verbatim). */
    private static final class EtcdError extends RuntimeException {
        EtcdError(String message) {
            super(message, null, false, false);
        }

        DcsException toDcsException(String base) {
            return new DcsException("etcd at " + base + ": " + getMessage());
        }
    }
}
