package io.pgha.dcs;

/**
 * Receives the events of a {@link Watch} in revision order, on a transport thread: keep the work short.
 * {@link #onError} is called at most once and means the watch has ended (e.g. the start revision was
 * compacted); the caller re-reads and watches again, as Patroni drops its cache and starts over.
 */
public interface WatchListener {
    void onEvent(WatchEvent event);

    void onError(DcsException error);
}
