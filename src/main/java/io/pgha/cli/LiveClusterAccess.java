package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.net.URI;
import java.time.Duration;

/** {@link ClusterAccess} through the invocation's etcd gateway client and {@link io.pgha.api.NodeClient}. */
final class LiveClusterAccess implements ClusterAccess {
    private final CliContext context;

    LiveClusterAccess(CliContext context) {
        this.context = context;
    }

    @Override
    public Cluster read(String clusterName) {
        return context.readCluster(clusterName);
    }

    @Override
    public NodeResponse request(Member member, String method, String path, String jsonBody, Duration timeout) {
        URI url = member.apiEndpoint(path).orElseThrow(() -> new NodeException(
                "member " + member.name() + " publishes no usable api_url (" + member.apiUrl() + ")", null));
        return context.nodeClient().call(method, url, jsonBody, timeout);
    }

    @Override
    public void putFailover(String clusterName, String value) {
        context.dcs().put(context.keyspace(clusterName).failover(), value, 0);
    }

    @Override
    public boolean compareAndPutFailover(String clusterName, String value, long modRevision) {
        return context.dcs().compareAndPut(context.keyspace(clusterName).failover(), value, modRevision);
    }
}
