package io.pgha.api;

import java.util.Map;

/**
 * Where and how the REST API listens (config.md {@code restapi}).
 *
 * @param host the address to bind; empty or {@code *} binds every interface
 * @param port the port; 0 picks a free one (tests)
 * @param threadPoolSize threads kept ready ({@code restapi.thread_pool_size}, at least 5)
 * @param requestQueueSize the listen backlog ({@code restapi.request_queue_size}, default 5)
 * @param maxThreads the ceiling on request threads. A thread is held while a client sends its
 *        request, so this is how many slow clients can be waited on at once before new connections
 *        are closed unanswered; handlers themselves never block
 * @param extraHeaders {@code restapi.http_extra_headers}, added to every response with a body
 */
public record RestSettings(String host, int port, int threadPoolSize, int requestQueueSize, int maxThreads,
                           Map<String, String> extraHeaders) {

    public static final int MIN_THREAD_POOL_SIZE = 5;
    public static final int DEFAULT_REQUEST_QUEUE_SIZE = 5;
    public static final int DEFAULT_MAX_THREADS = 100;

    public RestSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("restapi port must be 0-65535 (got " + port + ")");
        }
        threadPoolSize = Math.max(MIN_THREAD_POOL_SIZE, threadPoolSize);
        requestQueueSize = requestQueueSize <= 0 ? DEFAULT_REQUEST_QUEUE_SIZE : requestQueueSize;
        maxThreads = Math.max(threadPoolSize, maxThreads);
        extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
    }

    /** Patroni's defaults on {@code host:port}. */
    public static RestSettings of(String host, int port) {
        return new RestSettings(host, port, MIN_THREAD_POOL_SIZE, DEFAULT_REQUEST_QUEUE_SIZE, DEFAULT_MAX_THREADS,
                Map.of());
    }
}
