package io.pgha.agent;

import io.pgha.api.ClusterAccess;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.EtcdGrpcDcs;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import io.pgha.ha.Action;
import io.pgha.ha.PeerStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The agent's side of the REST API's switchover and configuration endpoints: reads and writes go to etcd
 * bounded by {@code retry_timeout}, member statuses through {@link PeerStatuses}; a write of
 * {@code /failover} or {@code /config} returns once the watch-fed {@link ClusterCache} the HA loop reads
 * has it, so the loop woken next acts on it.
 */
final class RestOperations implements ClusterAccess {
    /** How long a write of /failover waits for the watch to bring it into the view the woken loop reads. */
    private static final Duration VIEW_CATCH_UP = Duration.ofSeconds(2);

    private final EtcdGrpcDcs etcd;
    private final Keyspace keyspace;
    private final ClusterCache cache;
    private final PeerStatuses peers;
    private final Supplier<Duration> retryTimeout;
    private final Runnable wake;

    RestOperations(EtcdGrpcDcs etcd, Keyspace keyspace, ClusterCache cache, PeerStatuses peers,
                   Supplier<Duration> retryTimeout, Runnable wake) {
        this.etcd = etcd;
        this.keyspace = keyspace;
        this.cache = cache;
        this.peers = peers;
        this.retryTimeout = retryTimeout;
        this.wake = wake;
    }

    /** A fresh read, as Patroni's PATCH /config forces one: a lagging copy would only earn the client a 409. */
    @Override
    public Cluster cluster() {
        return ClusterParser.parse(keyspace, bounded().range(keyspace.prefix()));
    }

    @Override
    public boolean putFailover(String value) {
        long revision = bounded().put(keyspace.failover(), value, 0);
        awaitView(revision);
        return true;
    }

    @Override
    public boolean compareAndPutFailover(String value, long modRevision) {
        return bounded().compareAndPut(keyspace.failover(), value, modRevision);
    }

    @Override
    public boolean compareAndPutConfig(String value, long modRevision) {
        return bounded().compareAndPut(keyspace.config(), value, modRevision);
    }

    @Override
    public boolean putConfig(String value) {
        long revision = bounded().put(keyspace.config(), value, 0);
        awaitView(revision);
        return true;
    }

    @Override
    public List<PeerStatus> statuses(List<Member> members) {
        return peers.fetch(members.stream()
                .map(m -> new Action.FetchPeerStatuses.Peer(m.name(), m.apiUrl() == null ? "" : m.apiUrl()))
                .toList());
    }

    @Override
    public void wakeUp() {
        wake.run();
    }

    private EtcdGrpcDcs bounded() {
        return etcd.withTimeout(retryTimeout.get());
    }

    /** Until the cached view has seen {@code revision}, so the cycle woken next acts on this write. */
    private void awaitView(long revision) {
        long deadline = System.nanoTime() + VIEW_CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (cache.view(Duration.ofMillis(200)).revision() >= revision) {
                    return;
                }
                Thread.sleep(20);
            } catch (io.pgha.dcs.DcsException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
