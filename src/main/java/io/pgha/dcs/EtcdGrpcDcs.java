package io.pgha.dcs;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link Dcs} on jetcd (gRPC), for the agent, with the same semantics as {@link EtcdGatewayDcs}, plus the
 * lease and watch calls only the agent makes. Every call waits at most {@code settings.timeout()}.
 */
public final class EtcdGrpcDcs implements Dcs {
    private static final Cmp.Op EQUAL = Cmp.Op.EQUAL;

    private final EtcdSettings settings;
    private final String endpoints;
    private final Client client;
    /** Only the instance that built the client closes it; {@link #withTimeout} views share it. */
    private final boolean ownsClient;

    private EtcdGrpcDcs(EtcdGrpcDcs shared, Duration timeout) {
        this.settings = shared.settings.withTimeout(timeout);
        this.endpoints = shared.endpoints;
        this.client = shared.client;
        this.ownsClient = false;
    }

    public EtcdGrpcDcs(EtcdSettings settings) {
        this.settings = settings;
        this.ownsClient = true;
        this.endpoints = String.join(",", settings.endpoints().stream().map(URI::toString).toList());
        ClientBuilder builder = Client.builder()
                .endpoints(settings.endpoints().toArray(URI[]::new))
                .connectTimeout(perTry(settings))
                .retryMaxDuration(settings.timeout())
                .waitForReady(false);
        if (settings.username() != null) {
            builder.user(bytes(settings.username())).password(bytes(settings.password() == null ? "" : settings.password()));
        }
        if (settings.cacert() != null || settings.cert() != null || settings.key() != null) {
            PemTls tls = PemTls.load(settings.cacert(), settings.cert(), settings.key());
            try {
                builder.sslContext(ssl -> {
                    ssl.trustManager(tls.trustManagers());
                    if (tls.keyManagers() != null) {
                        ssl.keyManager(tls.keyManagers());
                    }
                });
            } catch (javax.net.ssl.SSLException e) {
                throw new DcsException("etcd3 TLS setup failed: " + e.getMessage(), e);
            }
        }
        this.client = builder.build();
    }

    /**
     * The same connection with another bound on each call: the agent's leader update must give up
     * within what is left of its budget, not within the client's default.
     */
    public EtcdGrpcDcs withTimeout(Duration timeout) {
        return new EtcdGrpcDcs(this, timeout);
    }

    public Duration timeout() {
        return settings.timeout();
    }

    @Override
    public RangeResult range(String prefix) {
        ByteSequence key = bytes(prefix);
        GetResponse response = await(client.getKVClient().get(key,
                GetOption.builder().withRange(ByteSequence.from(KeyRanges.prefixEnd(key.getBytes()))).build()));
        return new RangeResult(response.getHeader().getRevision(),
                response.getKvs().stream().map(EtcdGrpcDcs::keyValue).toList());
    }

    @Override
    public Optional<KeyValue> get(String key) {
        GetResponse response = await(client.getKVClient().get(bytes(key)));
        return response.getKvs().stream().map(EtcdGrpcDcs::keyValue).findFirst();
    }

    @Override
    public long put(String key, String value, long lease) {
        return await(client.getKVClient().put(bytes(key), bytes(value), leaseOption(lease))).getHeader().getRevision();
    }

    @Override
    public boolean putIfAbsent(String key, String value, long lease) {
        ByteSequence k = bytes(key);
        return commit(client.getKVClient().txn()
                .If(new Cmp(k, EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, bytes(value), leaseOption(lease)))).isSucceeded();
    }

    @Override
    public boolean compareAndPut(String key, String value, long expectedModRevision) {
        ByteSequence k = bytes(key);
        return commit(client.getKVClient().txn()
                .If(new Cmp(k, EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.put(k, bytes(value), PutOption.DEFAULT))).isSucceeded();
    }

    @Override
    public boolean compareValueAndPut(String key, String expectedValue, String value, long lease) {
        // the same single atomic request as Patroni's: a nested create-if-absent txn in the failure branch
        ByteSequence k = bytes(key);
        Op put = Op.put(k, bytes(value), leaseOption(lease));
        Op createIfAbsent = Op.txn(new Cmp[] {new Cmp(k, EQUAL, CmpTarget.createRevision(0))}, new Op[] {put}, new Op[0]);
        TxnResponse response = commit(client.getKVClient().txn()
                .If(new Cmp(k, EQUAL, CmpTarget.value(bytes(expectedValue))))
                .Then(put)
                .Else(createIfAbsent));
        return response.isSucceeded()
                || !response.getTxnResponses().isEmpty() && response.getTxnResponses().get(0).isSucceeded();
    }

    @Override
    public boolean compareValueAndDelete(String key, String expectedValue) {
        ByteSequence k = bytes(key);
        return commit(client.getKVClient().txn()
                .If(new Cmp(k, EQUAL, CmpTarget.value(bytes(expectedValue))))
                .Then(Op.delete(k, DeleteOption.DEFAULT))).isSucceeded();
    }

    /**
     * One transaction: if {@code key} holds {@code expectedValue}, put {@code otherKey} = {@code otherValue}
     * (no lease) and delete {@code key}. Watchers see both in one revision, the put first.
     */
    public boolean putAndCompareValueAndDelete(String otherKey, String otherValue, String key, String expectedValue) {
        ByteSequence k = bytes(key);
        return commit(client.getKVClient().txn()
                .If(new Cmp(k, EQUAL, CmpTarget.value(bytes(expectedValue))))
                .Then(Op.put(bytes(otherKey), bytes(otherValue), PutOption.DEFAULT), Op.delete(k, DeleteOption.DEFAULT)))
                .isSucceeded();
    }

    /** A transaction that only compares (writes nothing): whether {@code key} holds {@code expectedValue}. */
    public boolean valueEquals(String key, String expectedValue) {
        return commit(client.getKVClient().txn()
                .If(new Cmp(bytes(key), EQUAL, CmpTarget.value(bytes(expectedValue))))).isSucceeded();
    }

    @Override
    public boolean compareAndDelete(String key, long expectedModRevision) {
        ByteSequence k = bytes(key);
        return commit(client.getKVClient().txn()
                .If(new Cmp(k, EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.delete(k, DeleteOption.DEFAULT))).isSucceeded();
    }

    @Override
    public long delete(String key) {
        return await(client.getKVClient().delete(bytes(key))).getDeleted();
    }

    @Override
    public long deletePrefix(String prefix) {
        ByteSequence key = bytes(prefix);
        DeleteResponse response = await(client.getKVClient().delete(key,
                DeleteOption.builder().withRange(ByteSequence.from(KeyRanges.prefixEnd(key.getBytes()))).build()));
        return response.getDeleted();
    }

    /** A new lease of {@code ttlSeconds}; its id goes into puts of member and leader keys. */
    public long grantLease(long ttlSeconds) {
        return await(client.getLeaseClient().grant(ttlSeconds)).getID();
    }

    /** One keep-alive; the lease's remaining TTL in seconds, or empty when etcd no longer knows the lease. */
    public OptionalLong keepAliveOnce(long leaseId) {
        try {
            long ttl = await(client.getLeaseClient().keepAliveOnce(leaseId)).getTTL();
            return ttl > 0 ? OptionalLong.of(ttl) : OptionalLong.empty();
        } catch (LeaseNotFoundException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Watches every key under {@code prefix} from {@code fromRevision} (0: from now). jetcd re-establishes
     * the stream by itself after a connection loss; errors it cannot recover from end the watch.
     */
    public Watch watchPrefix(String prefix, long fromRevision, WatchListener listener) {
        ByteSequence key = bytes(prefix);
        WatchOption.Builder option = WatchOption.builder()
                .withRange(ByteSequence.from(KeyRanges.prefixEnd(key.getBytes())));
        if (fromRevision > 0) {
            option.withRevision(fromRevision);
        }
        AtomicBoolean ended = new AtomicBoolean();
        io.etcd.jetcd.Watch.Watcher watcher = client.getWatchClient().watch(key, option.build(), new io.etcd.jetcd.Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                for (io.etcd.jetcd.watch.WatchEvent event : response.getEvents()) {
                    switch (event.getEventType()) {
                        case PUT -> listener.onEvent(new WatchEvent(WatchEvent.Type.PUT, keyValue(event.getKeyValue())));
                        case DELETE -> listener.onEvent(new WatchEvent(WatchEvent.Type.DELETE, keyValue(event.getKeyValue())));
                        default -> { } // a newer etcd's event kind this client cannot know; not Patroni's keyspace
                    }
                }
            }

            @Override
            public void onError(Throwable error) {
                if (ended.compareAndSet(false, true)) {
                    listener.onError(translate("watch of " + prefix, error));
                }
            }

            @Override
            public void onCompleted() {
                if (ended.compareAndSet(false, true)) {
                    listener.onError(new DcsException("etcd at " + endpoints + " ended the watch of " + prefix));
                }
            }
        });
        return () -> {
            ended.set(true);
            watcher.close();
        };
    }

    @Override
    public String endpointDescription() {
        return endpoints;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private TxnResponse commit(io.etcd.jetcd.Txn txn) {
        return await(txn.commit());
    }

    private <T> T await(CompletableFuture<T> future) {
        Duration timeout = settings.timeout();
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DcsException("etcd unreachable at " + endpoints + ": no answer within "
                    + GatewayClient.seconds(timeout.toNanos()));
        } catch (ExecutionException e) {
            throw translate("request", e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DcsException("interrupted while waiting for etcd at " + endpoints);
        }
    }

    private DcsException translate(String what, Throwable error) {
        // jetcd wraps: e.g. UNAUTHENTICATED (no description) caused by INVALID_ARGUMENT "authentication failed ..."
        Status.Code code = null;
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Status status = t instanceof StatusRuntimeException e ? e.getStatus()
                    : t instanceof StatusException e ? e.getStatus() : null;
            if (status != null && code == null) {
                code = status.getCode();
            }
            if (status != null && message == null && status.getDescription() != null) {
                message = status.getDescription();
            }
        }
        if (message == null) {
            message = code != null ? code.name() : String.valueOf(error.getMessage());
        }
        message = oneLine(message);
        if (message.contains("requested lease not found")) {
            return new LeaseNotFoundException("etcd at " + endpoints + " failed the " + what + ": " + message);
        }
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
            return new DcsException("etcd unreachable at " + endpoints + ": " + rootMessage(error));
        }
        return new DcsException("etcd at " + endpoints + " failed the " + what + ": " + message, error);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return oneLine(root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName());
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    private static Duration perTry(EtcdSettings settings) {
        Duration share = settings.timeout().dividedBy(settings.endpoints().size());
        return share.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : share;
    }

    private static PutOption leaseOption(long lease) {
        return lease == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(lease).build();
    }

    private static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
        return new KeyValue(KeyRanges.text(kv.getKey().getBytes()), KeyRanges.text(kv.getValue().getBytes()),
                kv.getCreateRevision(), kv.getModRevision(), kv.getLease());
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(KeyRanges.utf8(text));
    }
}
