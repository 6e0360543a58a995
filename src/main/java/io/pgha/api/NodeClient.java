package io.pgha.api;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Calls members' REST APIs, Patroni's or pgha's: the one HTTP client of the CLI and of agents.
 * Every call is bounded by the settings' timeout and either returns the answer or throws
 * {@link NodeException} with a one-line reason; it never retries.
 */
public final class NodeClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");
    /** Bodies over this size are cut: a member's answers are small, a hostile one must not exhaust memory. */
    private static final long MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final OkHttpClient http;
    private final String authorization;

    public NodeClient(RestClientSettings settings) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .callTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .connectTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .followRedirects(false);
        TlsConfigurer.apply(builder, settings);
        this.http = builder.build();
        this.authorization = settings.username() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(
                        (settings.username() + ":" + (settings.password() == null ? "" : settings.password()))
                                .getBytes(StandardCharsets.UTF_8));
    }

    public NodeResponse get(URI url) {
        return call("GET", url, null);
    }

    /** A request with a JSON body (null for none), as patronictl sends them. */
    public NodeResponse call(String method, URI url, String jsonBody) {
        return call(http, method, url, jsonBody);
    }

    /**
     * As {@link #call(String, URI, String)} with its own time limit, for operations a member answers only
     * when done (a switchover waits for the new leader, a restart for PostgreSQL).
     */
    public NodeResponse call(String method, URI url, String jsonBody, java.time.Duration timeout) {
        long millis = timeout.toMillis();
        OkHttpClient patient = http.newBuilder()
                .callTimeout(millis, TimeUnit.MILLISECONDS)
                .readTimeout(millis, TimeUnit.MILLISECONDS)
                .build();
        return call(patient, method, url, jsonBody);
    }

    private NodeResponse call(OkHttpClient client, String method, URI url, String jsonBody) {
        RequestBody body = jsonBody == null
                ? ("GET".equals(method) || "DELETE".equals(method) ? null : RequestBody.create(new byte[0], null))
                : RequestBody.create(jsonBody, JSON);
        Request.Builder request = new Request.Builder().url(url.toString()).method(method, body)
                .header("User-Agent", "pgha/" + io.pgha.Version.PGHA);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            return new NodeResponse(response.code(), readCapped(response.body()));
        } catch (IOException e) {
            throw new NodeException(method + " " + url + ": " + describe(e), e);
        }
    }

    private static String readCapped(ResponseBody body) throws IOException {
        okio.BufferedSource source = body.source();
        source.request(MAX_BODY_BYTES);
        long available = Math.min(source.getBuffer().size(), MAX_BODY_BYTES);
        return source.getBuffer().readString(available, StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.io.InterruptedIOException) {
            return "timed out";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
