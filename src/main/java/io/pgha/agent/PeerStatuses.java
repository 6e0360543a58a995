package io.pgha.agent;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.ha.Action;
import io.pgha.ha.PeerStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers {@link Action.FetchPeerStatuses}: GET every member's api_url at once (2 s each, no retry,
 * rest-api.md §4); a member that does not answer with a status document is unreachable.
 */
final class PeerStatuses implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PeerStatuses.class.getName());

    private final NodeClient client;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "pgha-peer");
        thread.setDaemon(true);
        return thread;
    });

    PeerStatuses(NodeClient client) {
        this.client = client;
    }

    List<PeerStatus> fetch(List<Action.FetchPeerStatuses.Peer> peers) {
        List<CompletableFuture<PeerStatus>> calls = new ArrayList<>();
        for (Action.FetchPeerStatuses.Peer peer : peers) {
            calls.add(CompletableFuture.supplyAsync(() -> one(peer), pool));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private PeerStatus one(Action.FetchPeerStatuses.Peer peer) {
        try {
            NodeResponse response = client.get(URI.create(peer.apiUrl()));
            PeerStatus status = PeerStatus.fromStatusDocument(peer.name(), response.body());
            if (!status.reachable()) {
                LOG.log(System.Logger.Level.INFO, "member " + peer.name() + " at " + peer.apiUrl()
                        + " answered " + response.status() + " without a status document");
            }
            return status;
        } catch (NodeException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.INFO, "member " + peer.name() + " is not reachable: " + e.getMessage());
            return PeerStatus.unreachable(peer.name());
        }
    }

    /**
     * One request to {@code apiUrl} in the background, answer ignored: the HTTP client's first call loads
     * and initialises its classes, which costs about a second the first leader race must not pay.
     */
    void warmUp(String apiUrl) {
        pool.execute(() -> {
            try {
                client.get(URI.create(apiUrl));
            } catch (RuntimeException e) {
                // only the loading mattered
            }
        });
    }

    @Override
    public void close() {
        pool.shutdownNow();
        client.close();
    }
}
