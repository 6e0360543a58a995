package io.pgha.agent;

import io.pgha.dcs.DcsException;
import io.pgha.dcs.EtcdGrpcDcs;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.KeyspaceWriter;
import io.pgha.dcs.Leader;
import io.pgha.dcs.LeaseNotFoundException;
import io.pgha.ha.LockResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * This agent's writes to etcd (keyspace.md §4, §6): one lease of TTL {@code ttl} carrying the member key
 * and, while held, the leader key; the guarded leader transactions; the plain puts of the leader's
 * bookkeeping keys. Every call is bounded by {@code retry_timeout}; only the leader update retries.
 * <p>
 * The lease is kept alive only as often as it has to be: by every leader update and leader race (so the
 * leader key outlives a dead agent by at most {@code ttl} after its last cycle, as Patroni's does), and
 * otherwise when {@link #leaseRefreshDue} comes, {@code ttl − retry_timeout} after the last keep-alive,
 * which leaves a full {@code retry_timeout} to retry before the member key could expire.
 */
final class DcsSession {
    private static final System.Logger LOG = System.getLogger(DcsSession.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** After a failed keep-alive between cycles, the next try. */
    private static final Duration REFRESH_RETRY = Duration.ofSeconds(1);

    private final EtcdGrpcDcs dcs;
    private final Keyspace keyspace;
    private final String name;
    private volatile Duration retryTimeout;
    private volatile int ttl;
    private long lease;
    private int leaseTtl;
    private String publishedMember;
    private long publishedLease;
    private String writtenStatus;
    private volatile Instant lastAnswer;
    /** When the last keep-alive (or grant) was sent: etcd counts the ttl from no earlier than that. */
    private Instant lastKeepAlive;
    private Instant refreshRetryAt;

    DcsSession(EtcdGrpcDcs dcs, Keyspace keyspace, String name, int ttl, Duration retryTimeout) {
        this.dcs = dcs;
        this.keyspace = keyspace;
        this.name = name;
        this.ttl = ttl;
        this.retryTimeout = retryTimeout;
    }

    Keyspace keyspace() {
        return keyspace;
    }

    /** A changed ttl takes a new lease on next use (keyspace.md §4). */
    void timings(int newTtl, Duration newRetryTimeout) {
        ttl = newTtl;
        retryTimeout = newRetryTimeout;
    }

    Duration retryTimeout() {
        return retryTimeout;
    }

    /** When etcd last answered a request of this session; null when never. */
    Instant lastAnswer() {
        return lastAnswer;
    }

    synchronized long lease() {
        return lease;
    }

    /** Grants the lease if there is none (or the ttl changed); the start-up "waiting on etcd" step. */
    synchronized long ensureLease() {
        return ensureLease(bounded(retryTimeout));
    }

    private synchronized long ensureLease(EtcdGrpcDcs d) {
        if (lease == 0 || leaseTtl != ttl) {
            Instant sent = Instant.now();
            lease = d.grantLease(ttl);
            leaseTtl = ttl;
            answered();
            lastKeepAlive = sent;
            refreshRetryAt = null;
        }
        return lease;
    }

    /** One keep-alive; a lease etcd forgot is replaced at once. Returns the lease in use. */
    synchronized long keepAlive() {
        return keepAlive(bounded(retryTimeout));
    }

    private synchronized long keepAlive(EtcdGrpcDcs d) {
        if (lease == 0 || leaseTtl != ttl) {
            return ensureLease(d);
        }
        Instant sent = Instant.now();
        OptionalLong left = d.keepAliveOnce(lease);
        answered();
        lastKeepAlive = sent;
        refreshRetryAt = null;
        if (left.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "etcd lost lease " + Long.toHexString(lease) + "; granting a new one");
            lease = 0;
            return ensureLease(d);
        }
        return lease;
    }

    /**
     * ha-loop.md §2.3 "update leader": forced keep-alive, then re-attach the key when it carries another
     * lease. Retries with back-off until {@code budget} is spent; then it is a DCS error.
     */
    LockResult updateLeader(Leader inView, Duration budget) {
        Instant deadline = Instant.now().plus(budget);
        Duration backoff = FIRST_BACKOFF;
        DcsException last = null;
        while (true) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.compareTo(Duration.ofMillis(50)) < 0) {
                break;
            }
            try {
                EtcdGrpcDcs d = bounded(min(left, retryTimeout));
                long id = keepAlive(d);
                if (inView != null && inView.lease() == id) {
                    return LockResult.SUCCEEDED;
                }
                boolean held = d.compareValueAndPut(keyspace.leader(), name, name, id);
                answered();
                return held ? LockResult.SUCCEEDED : LockResult.FAILED;
            } catch (DcsException e) {
                last = e;
                sleep(min(backoff, Duration.between(Instant.now(), deadline)));
                backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
        LOG.log(System.Logger.Level.ERROR, "failed to update the leader lock: "
                + (last == null ? "no time left before the demote deadline" : last.getMessage()));
        return LockResult.DCS_ERROR;
    }

    /** Leader race: create-if-absent with my lease; a forgotten lease is replaced and the race tried once more. */
    LockResult acquireLeader() {
        return createIfAbsent(keyspace.leader(), name, true);
    }

    /**
     * A transaction that writes nothing, in the background: the first leader race of a replica would
     * otherwise pay for loading the client's transaction code while the cluster has no leader.
     */
    void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                bounded(retryTimeout).valueEquals(keyspace.leader(), name);
            } catch (DcsException e) {
                // only the loading mattered
            }
        }, "pgha-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Initialize race: create-if-absent {@code /initialize} with an empty value. */
    LockResult takeInitialize() {
        return createIfAbsent(keyspace.initialize(), "", false);
    }

    private LockResult createIfAbsent(String key, String value, boolean withLease) {
        EtcdGrpcDcs d = bounded(retryTimeout);
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                long id = withLease ? keepAlive(d) : 0;
                boolean won = d.putIfAbsent(key, value, id);
                answered();
                return won ? LockResult.SUCCEEDED : LockResult.FAILED;
            } catch (LeaseNotFoundException e) {
                dropLease();
            } catch (DcsException e) {
                LOG.log(System.Logger.Level.ERROR, "could not write " + key + ": " + e.getMessage());
                return LockResult.DCS_ERROR;
            }
        }
        return LockResult.DCS_ERROR;
    }

    /** After a successful bootstrap: unconditional put of the leader key with my lease. */
    void takeLeaderKey() {
        EtcdGrpcDcs d = bounded(retryTimeout);
        d.put(keyspace.leader(), name, keepAlive(d));
        answered();
    }

    /**
     * Voluntary release: delete the leader key only if it still names me; with {@code optime}, /status
     * carries it in the same transaction, so a woken replica reads both at once.
     */
    boolean releaseLeader(Long optime) {
        EtcdGrpcDcs d = bounded(retryTimeout);
        boolean deleted;
        if (optime == null) {
            deleted = d.compareValueAndDelete(keyspace.leader(), name);
        } else {
            String status = KeyspaceWriter.status(optime, Map.of(), List.of());
            deleted = d.putAndCompareValueAndDelete(keyspace.status(), status, keyspace.leader(), name);
            if (deleted) {
                writtenStatus = status;
            }
        }
        answered();
        return deleted;
    }

    void writeInitialize(String sysid, boolean createOnly) {
        EtcdGrpcDcs d = bounded(retryTimeout);
        if (createOnly) {
            d.putIfAbsent(keyspace.initialize(), sysid, 0);
        } else {
            d.put(keyspace.initialize(), sysid, 0);
        }
        answered();
    }

    void deleteInitialize() {
        bounded(retryTimeout).delete(keyspace.initialize());
        answered();
    }

    void writeConfig(Map<String, Object> data) {
        bounded(retryTimeout).put(keyspace.config(), io.pgha.dcs.Json.write(data), 0);
        answered();
    }

    /** {@code /status} = {"optime": …}, written only when its content changes. */
    void writeStatus(long optime) {
        writeStatus(optime, Map.of());
    }

    /** {@code /status} = {"optime": …, "slots": {name: position}}, written only when its content changes. */
    void writeStatus(long optime, Map<String, Long> slots) {
        String value = KeyspaceWriter.status(optime, slots, List.of());
        if (!value.equals(writtenStatus)) {
            bounded(retryTimeout).put(keyspace.status(), value, 0);
            writtenStatus = value;
            answered();
        }
    }

    void writeHistory(String json) {
        bounded(retryTimeout).put(keyspace.history(), json, 0);
        answered();
    }

    /** {@code {}} into /failover: compare-and-set on {@code modRevision}, a plain put when it is null. */
    boolean clearFailover(Long modRevision) {
        EtcdGrpcDcs d = bounded(retryTimeout);
        String empty = KeyspaceWriter.failover(null, null, null);
        boolean done = modRevision == null ? d.put(keyspace.failover(), empty, 0) > 0
                : d.compareAndPut(keyspace.failover(), empty, modRevision);
        answered();
        return done;
    }

    boolean rewriteFailover(String candidate, String scheduledAt, long modRevision) {
        boolean done = bounded(retryTimeout).compareAndPut(keyspace.failover(),
                KeyspaceWriter.failover(null, candidate, scheduledAt), modRevision);
        answered();
        return done;
    }

    /**
     * When the lease needs its next keep-alive: {@code ttl − retry_timeout} after the last one (or a
     * second after a failed try); null while there is no lease. The loop calls {@link #refreshLease} then,
     * between cycles; a leader's cycles renew it more often anyway.
     */
    synchronized Instant leaseRefreshDue() {
        if (lease == 0 || lastKeepAlive == null) {
            return null;
        }
        Instant due = lastKeepAlive.plusSeconds(leaseTtl).minus(retryTimeout);
        return refreshRetryAt != null && refreshRetryAt.isAfter(due) ? refreshRetryAt : due;
    }

    /** The keep-alive {@link #leaseRefreshDue} asks for; a failure is logged and tried again a second later. */
    synchronized void refreshLease() {
        try {
            keepAlive(bounded(retryTimeout));
        } catch (DcsException e) {
            LOG.log(System.Logger.Level.WARNING, "could not keep the lease alive: " + e.getMessage());
            refreshRetryAt = Instant.now().plus(REFRESH_RETRY);
        }
    }

    private boolean leaseUsable() {
        Instant due = lease == 0 || leaseTtl != ttl ? null : leaseRefreshDue();
        return due != null && Instant.now().isBefore(due);
    }

    /**
     * The member key with my lease, written only when the document or the lease changed. The lease is
     * kept alive on the way only when it is due (see {@link #leaseRefreshDue}). Returns whether a put was made.
     */
    synchronized boolean publishMember(String document) {
        EtcdGrpcDcs d = bounded(retryTimeout);
        long id = leaseUsable() ? lease : keepAlive(d);
        if (document.equals(publishedMember) && id == publishedLease) {
            return false;
        }
        try {
            d.put(keyspace.member(name), document, id);
        } catch (LeaseNotFoundException e) {
            dropLease();
            id = ensureLease(d);
            d.put(keyspace.member(name), document, id);
        }
        answered();
        publishedMember = document;
        publishedLease = id;
        return true;
    }

    private synchronized void dropLease() {
        lease = 0;
    }

    private EtcdGrpcDcs bounded(Duration timeout) {
        return Objects.equals(timeout, dcs.timeout()) ? dcs : dcs.withTimeout(timeout);
    }

    private void answered() {
        lastAnswer = Instant.now();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DcsException("interrupted while retrying a request to etcd");
        }
    }
}
