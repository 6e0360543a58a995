package io.pgha.api;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The agent's REST API on the JDK's HTTP server. The agent publishes one {@link NodeState} per HA
 * cycle through the supplier; every request reads the snapshot current when it arrives and nothing
 * else, so handlers never block and never see a half-updated state.
 *
 * <p>Patroni speaks HTTP/1.0, one request per connection. The JDK server answers HTTP/1.1 but every
 * response carries {@code Connection: close}, so each connection still serves one request.
 *
 * <p>Slow clients: the JDK server reads a request on a pool thread, so a client that sends half a
 * request holds that thread. Threads are therefore plentiful ({@link RestSettings#maxThreads}) and
 * the JDK's request timer reclaims them: unless the JVM was started with its own value, loading this
 * class sets {@code sun.net.httpserver.maxReqTime} to {@value #MAX_REQUEST_SECONDS} s (a JVM-wide
 * setting the JDK reads once, when its first HTTP server is created; nothing else in pgha uses that
 * server). There is deliberately no response timeout: write endpoints such as a switchover wait
 * tens of seconds before they answer. A connection beyond {@code maxThreads} is closed unanswered.
 */
public final class RestServer implements AutoCloseable {
    static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
    static final int MAX_REQUEST_SECONDS = 5;
    /** Request bodies are small JSON objects; anything larger is refused before it is read. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final System.Logger LOG = System.getLogger(RestServer.class.getName());

    static {
        if (System.getProperty(MAX_REQUEST_TIME) == null) {
            System.setProperty(MAX_REQUEST_TIME, Integer.toString(MAX_REQUEST_SECONDS));
        }
    }

    private final Supplier<NodeState> state;
    private final RestSettings settings;
    private final Clock clock;
    private final Router router;
    private final RestSecurity security;
    private HttpServer server;
    private ThreadPoolExecutor pool;

    /** The read endpoints (rest-api.md §3–§5) over the agent's snapshots. */
    public RestServer(Supplier<NodeState> state, RestSettings settings) {
        this(state, settings, Clock.systemUTC(), Router.readEndpoints(AccessControl.OPEN));
    }

    /**
     * The read endpoints, the write endpoints that change the cluster through {@code cluster} and the
     * maintenance endpoints acting through {@code control} (rest-api.md §6), every write behind {@code auth}
     * (null: no {@code restapi.authentication}).
     */
    public RestServer(Supplier<NodeState> state, RestSettings settings, ClusterAccess cluster, MaintenanceControl control,
                      BasicAuth auth) {
        this(state, settings, cluster, control, auth, RestSecurity.NONE);
    }

    /** The same, served over HTTPS and behind the allow list and client-certificate policy of {@code security}. */
    public RestServer(Supplier<NodeState> state, RestSettings settings, ClusterAccess cluster, MaintenanceControl control,
                      BasicAuth auth, RestSecurity security) {
        this(state, settings, Clock.systemUTC(),
                writeEndpoints(Router.readEndpoints(security.around(BasicAuth.orOpen(auth))), cluster).maintenance(control),
                security);
    }

    static Router writeEndpoints(Router router, ClusterAccess cluster) {
        new SwitchoverEndpoints(cluster).register(router);
        new ConfigEndpoints(cluster).register(router);
        return router;
    }

    RestServer(Supplier<NodeState> state, RestSettings settings, Clock clock, Router router) {
        this(state, settings, clock, router, RestSecurity.NONE);
    }

    /** {@code router}'s access control must already include {@code security}'s checks ({@link RestSecurity#around}). */
    RestServer(Supplier<NodeState> state, RestSettings settings, Clock clock, Router router, RestSecurity security) {
        this.state = state;
        this.settings = settings;
        this.clock = clock;
        this.router = router;
        this.security = security;
    }

    /** Binds and starts serving; throws when the address cannot be bound. */
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("REST API already started on " + address());
        }
        InetSocketAddress bind = settings.host() == null || settings.host().isEmpty() || "*".equals(settings.host())
                ? new InetSocketAddress(settings.port())
                : new InetSocketAddress(settings.host(), settings.port());
        HttpServer created;
        try {
            created = security.https() ? https(bind) : HttpServer.create(bind, settings.requestQueueSize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port()
                    + " for the REST API (restapi.listen): " + e.getMessage(), e);
        }
        pool = new ThreadPoolExecutor(settings.threadPoolSize(), settings.maxThreads(), 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads());
        created.setExecutor(pool);
        created.createContext("/", this::handle);
        created.start();
        server = created;
    }

    private HttpsServer https(InetSocketAddress bind) throws IOException {
        HttpsServer https = HttpsServer.create(bind, settings.requestQueueSize());
        https.setHttpsConfigurator(new HttpsConfigurator(security.sslContext()) {
            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setSSLParameters(security.handshake(getSSLContext().getDefaultSSLParameters()));
            }
        });
        return https;
    }

    /** The bound address (the real port when started on port 0). */
    public synchronized InetSocketAddress address() {
        if (server == null) {
            throw new IllegalStateException("REST API not started");
        }
        return server.getAddress();
    }

    /** Closes the listening socket and every connection; requests in progress are cut off. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
        pool = null;
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) {
        try {
            respond(exchange, answer(exchange));
        } catch (IOException e) {
            // the client went away before it had its answer; nothing to tell it
            LOG.log(System.Logger.Level.DEBUG, "REST API client " + exchange.getRemoteAddress() + ": " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private ApiResponse answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath() == null ? "" : exchange.getRequestURI().getRawPath();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(java.util.Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        ApiRequest probe = new ApiRequest(method, path, Map.of(), Map.of(), null, null);
        byte[] body = null;
        if (router.readsBody(method, probe.firstSegment())) {
            body = readBody(exchange.getRequestBody(), headers);
            if (body == null) {
                return ApiResponse.error(413);
            }
        }
        ApiRequest request = new ApiRequest(method, path, ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                headers, exchange.getRemoteAddress(), body, hasClientCertificate(exchange));
        try {
            NodeState node = state.get();
            if (node == null) {
                return ApiResponse.error(503);
            }
            return router.route(request, new NodeView(node, clock.instant()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "REST API " + method + " " + path + " failed: " + e, e);
            return ApiResponse.error(500);
        }
    }

    private static boolean hasClientCertificate(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https) || https.getSSLSession() == null) {
            return false;
        }
        try {
            return https.getSSLSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException none) {
            return false;
        }
    }

    /** The body as sent (empty without one), or null when it is over the limit. */
    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > MAX_BODY_BYTES) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private void respond(HttpExchange exchange, ApiResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Connection", "close");
        if (response.statusOnly() || "HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        headers.set("Content-Type", response.contentType());
        settings.extraHeaders().forEach(headers::set);
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "pgha-rest-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
