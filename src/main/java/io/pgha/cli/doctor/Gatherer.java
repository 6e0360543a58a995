package io.pgha.cli.doctor;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.Dcs;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Does doctor's I/O: etcd's health, one read of the cluster's keys, then every member's REST API and
 * SQL at once. Every wait is bounded: a member that does not answer becomes a fact, never a hang.
 */
public final class Gatherer implements AutoCloseable {
    private final Dcs dcs;
    private final Keyspace keyspace;
    private final EtcdProbe etcd;
    private final NodeClient nodes;
    private final SqlProbe sql;
    private final String sqlSkipped;
    private final Duration timeout;

    /**
     * A gatherer on {@code dcs} for one cluster. {@code sqlUser} null means no SQL, for the reason
     * {@code sqlSkipped}; {@code timeout} bounds each call to etcd, a REST API or PostgreSQL.
     */
    public static Gatherer of(Dcs dcs, Keyspace keyspace, io.pgha.dcs.EtcdSettings etcd, NodeClient nodes,
                              String sqlUser, String sqlPassword, String sqlSkipped, Duration timeout) {
        SqlProbe sql = sqlUser == null ? null : new SqlProbe(new SqlProbe.Login(sqlUser, sqlPassword), timeout);
        return new Gatherer(dcs, keyspace, new EtcdProbe(etcd, timeout), nodes, sql, sqlSkipped, timeout);
    }

    private Gatherer(Dcs dcs, Keyspace keyspace, EtcdProbe etcd, NodeClient nodes, SqlProbe sql, String sqlSkipped,
             Duration timeout) {
        this.dcs = dcs;
        this.keyspace = keyspace;
        this.etcd = etcd;
        this.nodes = nodes;
        this.sql = sql;
        this.sqlSkipped = sqlSkipped;
        this.timeout = timeout;
    }

    public Facts gather(Thresholds thresholds) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "pgha-doctor");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<EtcdFacts> etcdFacts = pool.submit(etcd::probe);
            Cluster cluster = null;
            String dcsError = null;
            try {
                cluster = ClusterParser.parse(keyspace, dcs.range(keyspace.prefix()));
                if (cluster.members().isEmpty() && cluster.initialize() == null && cluster.leader() == null
                        && !cluster.config().present()) {
                    dcsError = "no keys under " + keyspace.prefix() + ": no such cluster";
                    cluster = null;
                }
            } catch (RuntimeException e) {
                dcsError = "cannot read " + keyspace.prefix() + ": " + e.getMessage();
            }
            Map<String, Future<MemberApi>> api = new HashMap<>();
            Map<String, Future<SqlFacts>> sqlFacts = new HashMap<>();
            if (cluster != null) {
                for (Member member : cluster.members()) {
                    Optional<URI> url = member.apiEndpoint("/patroni");
                    url.ifPresent(u -> api.put(member.name(), pool.submit(() -> ask(member.name(), u))));
                    if (sql != null) {
                        sqlFacts.put(member.name(), pool.submit(() -> sql.read(member)));
                    }
                }
            }
            long deadline = System.nanoTime() + timeout.multipliedBy(3).toNanos();
            Map<String, MemberApi> answers = new HashMap<>();
            api.forEach((name, future) -> answers.put(name,
                    await(future, deadline, () -> MemberApi.failed(name, "no answer within " + timeout.multipliedBy(3).toSeconds() + " s"))));
            Map<String, SqlFacts> sqlAnswers = new HashMap<>();
            sqlFacts.forEach((name, future) -> sqlAnswers.put(name,
                    await(future, deadline, () -> SqlFacts.failed(name, "no answer within " + timeout.multipliedBy(3).toSeconds() + " s"))));
            EtcdFacts etcdAnswer = await(etcdFacts, System.nanoTime() + timeout.multipliedBy(4).toNanos(),
                    () -> new EtcdFacts(java.util.List.of(), null, "etcd did not answer in time"));
            return new Facts(keyspace.scope(), cluster, dcsError, etcdAnswer, answers, sqlAnswers,
                    sql == null ? sqlSkipped : null, thresholds);
        } finally {
            pool.shutdownNow();
        }
    }

    private MemberApi ask(String name, URI url) {
        try {
            NodeResponse response = nodes.get(url);
            Optional<Map<String, Object>> document = response.document();
            if (document.isEmpty()) {
                return MemberApi.failed(name, "HTTP " + response.status() + " without a JSON body");
            }
            return MemberApi.answered(name, document.get());
        } catch (RuntimeException e) {
            return MemberApi.failed(name, e.getMessage());
        }
    }

    private static <T> T await(Future<T> future, long deadline, java.util.function.Supplier<T> late) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return late.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return late.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        etcd.close();
    }
}
