package io.pgha.cli.doctor;

import io.pgha.dcs.EtcdSettings;
import io.pgha.dcs.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Asks each etcd endpoint about itself through the JSON gateway: GET /health, POST
 * /v3/maintenance/status, and the member list, whose client URLs are probed too so a member missing
 * from the configuration still counts. Every call is bounded by {@code timeout}.
 */
final class EtcdProbe implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");

    private final EtcdSettings settings;
    private final OkHttpClient http;

    EtcdProbe(EtcdSettings settings, Duration timeout) {
        this.settings = settings;
        this.http = new OkHttpClient.Builder()
                .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .build();
    }

    EtcdFacts probe() {
        Set<String> urls = new LinkedHashSet<>();
        settings.endpoints().forEach(u -> urls.add(trim(u.toString())));
        List<EtcdFacts.EtcdMember> members = null;
        String memberListError = null;
        for (String url : urls) {
            try {
                members = memberList(url);
                memberListError = null;
                break;
            } catch (ProbeFailure e) {
                memberListError = url + ": " + e.getMessage();
            }
        }
        if (members != null) {
            members.forEach(m -> m.clientUrls().stream().findFirst().ifPresent(u -> {
                if (m.clientUrls().stream().noneMatch(c -> urls.stream().anyMatch(x -> EtcdFacts.sameUrl(x, c)))) {
                    urls.add(trim(u));
                }
            }));
        }
        // one blackholed endpoint must not use up the others' time: each is asked on its own thread
        List<java.util.concurrent.CompletableFuture<EtcdFacts.Endpoint>> asked = new ArrayList<>();
        for (String url : urls) {
            java.util.concurrent.CompletableFuture<EtcdFacts.Endpoint> answer = new java.util.concurrent.CompletableFuture<>();
            Thread thread = new Thread(() -> answer.complete(endpoint(url)), "pgha-doctor-etcd");
            thread.setDaemon(true);
            thread.start();
            asked.add(answer);
        }
        List<EtcdFacts.Endpoint> endpoints = asked.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        return new EtcdFacts(endpoints, members, memberListError);
    }

    private EtcdFacts.Endpoint endpoint(String url) {
        boolean healthy;
        String error = null;
        try {
            Map<?, ?> health = get(url + "/health");
            healthy = "true".equals(String.valueOf(health.get("health")));
            if (!healthy) {
                Object reason = health.get("reason");
                error = "health " + health.get("health") + (reason == null || "".equals(reason) ? "" : ": " + reason);
            }
        } catch (ProbeFailure e) {
            return new EtcdFacts.Endpoint(url, false, e.getMessage(), null, null, null, List.of());
        }
        try {
            Map<?, ?> status = post(url, "/v3/maintenance/status");
            Map<?, ?> header = status.get("header") instanceof Map<?, ?> h ? h : Map.of();
            List<String> errors = new ArrayList<>();
            if (status.get("errors") instanceof List<?> list) {
                list.forEach(e -> errors.add(String.valueOf(e)));
            }
            return new EtcdFacts.Endpoint(url, healthy, error, text(header.get("member_id")), text(status.get("leader")),
                    text(status.get("version")), errors);
        } catch (ProbeFailure e) {
            return new EtcdFacts.Endpoint(url, false, error != null ? error : "status: " + e.getMessage(), null, null,
                    null, List.of());
        }
    }

    private List<EtcdFacts.EtcdMember> memberList(String url) {
        Map<?, ?> answer = post(url, "/v3/cluster/member/list");
        List<EtcdFacts.EtcdMember> members = new ArrayList<>();
        if (answer.get("members") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> member) {
                    List<String> clientUrls = new ArrayList<>();
                    if (member.get("clientURLs") instanceof List<?> urls) {
                        urls.forEach(u -> clientUrls.add(String.valueOf(u)));
                    }
                    members.add(new EtcdFacts.EtcdMember(text(member.get("ID")),
                            member.get("name") == null ? "" : String.valueOf(member.get("name")), clientUrls));
                }
            }
        }
        if (members.isEmpty()) {
            throw new ProbeFailure("empty member list");
        }
        return members;
    }

    private Map<?, ?> get(String url) {
        return execute(new Request.Builder().url(url).get().build());
    }

    private Map<?, ?> post(String base, String path) {
        Request.Builder request = new Request.Builder().url(base + path)
                .post(RequestBody.create("{}".getBytes(StandardCharsets.UTF_8), JSON));
        token(base).ifPresent(t -> request.header("Authorization", t));
        return execute(request.build());
    }

    /** With etcd authentication, maintenance and cluster calls need a token as the DCS client gets one. */
    private Optional<String> token(String base) {
        if (settings.username() == null) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", settings.username());
        body.put("password", settings.password());
        Request request = new Request.Builder().url(base + "/v3/auth/authenticate")
                .post(RequestBody.create(Json.write(body).getBytes(StandardCharsets.UTF_8), JSON)).build();
        try {
            return Optional.ofNullable(execute(request).get("token")).map(String::valueOf);
        } catch (ProbeFailure e) {
            return Optional.empty();
        }
    }

    private Map<?, ?> execute(Request request) {
        try (Response response = http.newCall(request).execute()) {
            String body = response.body().string();
            Optional<Object> parsed = Json.parse(body);
            if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
                if (response.code() / 100 != 2 && !map.containsKey("health")) {
                    throw new ProbeFailure("HTTP " + response.code() + " " + oneLine(body));
                }
                return map;
            }
            throw new ProbeFailure("HTTP " + response.code() + ", not JSON: " + oneLine(body));
        } catch (IOException e) {
            throw new ProbeFailure(e instanceof java.io.InterruptedIOException ? "no answer in time"
                    : e instanceof java.net.ConnectException ? "connection refused" : oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** One endpoint could not be asked; the reason is one line. */
    private static final class ProbeFailure extends RuntimeException {
        ProbeFailure(String message) {
            super(message, null, false, false);
        }
    }
}
