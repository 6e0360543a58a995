package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.ha.PeerStatus;
import java.util.List;

/**
 * What the switchover and configuration endpoints need from the agent: the DCS view, the writes of
 * {@code /failover} and {@code /config}, other members' statuses and a nudge to the HA loop. Every DCS
 * call is bounded by the agent's retry timeout; a failure is a {@link io.pgha.dcs.DcsException}.
 */
public interface ClusterAccess {

    /** The cluster as the agent's DCS client has it now (Patroni's {@code dcs.get_cluster()}). */
    Cluster cluster();

    /** Plain put of {@code /failover}; false when the write did not happen. */
    boolean putFailover(String value);

    /** Put of {@code /failover} only while its mod_revision is still {@code modRevision}. */
    boolean compareAndPutFailover(String value, long modRevision);

    /** Put of {@code /config} only while its mod_revision is still {@code modRevision}. */
    boolean compareAndPutConfig(String value, long modRevision);

    /** Plain put of {@code /config}; false when the write did not happen. */
    boolean putConfig(String value);

    /** {@code GET <api_url>} of each member at once (2 s each), one status per member, in order. */
    List<PeerStatus> statuses(List<Member> members);

    /** Runs the next HA cycle now, on a view that includes this request's writes. */
    void wakeUp();
}
