package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.time.Duration;

/**
 * What the commands that act on a cluster need from outside: the DCS snapshot, the members' REST APIs and
 * patronictl's two direct writes of {@code /failover}. {@link LiveClusterAccess} in real runs.
 */
interface ClusterAccess {

    /** One prefix read of the cluster. */
    Cluster read(String clusterName);

    /**
     * {@code method path} on the member's REST API ({@code api_url} with the path replaced), with a JSON body
     * or none.
     *
     * @throws NodeException when the member cannot be reached, does not answer in time or has no api_url
     */
    NodeResponse request(Member member, String method, String path, String jsonBody, Duration timeout);

    /** patronictl's fallback when no member took a switchover: a plain put of {@code /failover}. */
    void putFailover(String clusterName, String value);

    /** Put {@code /failover} only if it is unchanged since {@code modRevision}; false when it changed. */
    boolean compareAndPutFailover(String clusterName, String value, long modRevision);
}
