package io.pgha.testing;

import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Keyspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/** A three-node cluster under test in {@link FailoverBenchmark}: pgha agents or real Patroni 3.0.2. */
interface BenchTarget extends AutoCloseable {
    Duration HEALTHY = Duration.ofSeconds(240);

    String system();

    /** Index (1-based) of the primary once the cluster is healthy. */
    int awaitHealthy();

    List<Integer> pgPorts();

    String name(int index);

    void kill9(int index);

    void signalTerm(int index);

    /** After {@link #signalTerm}: waits until the node is down. */
    void finishStop(int index);

    void start(int index);

    /** The agent's process: pgha's JVM or Patroni's python. */
    long agentPid(int index);

    EtcdFixture etcd();

    /** The leader key's full path (both fixtures use namespace /service/). */
    String leaderKey();

    /**
     * POST /switchover to the leader's REST API as patronictl 3.0.2 does; when the API does not take it,
     * patronictl's fallback: {"leader": …, "member": …} into the /failover key.
     */
    void switchover(int leader, int candidate) throws IOException, InterruptedException;

    @Override
    void close();

    static int restSwitchover(HttpClient http, URI rest, String leader, String candidate)
            throws IOException, InterruptedException {
        String body = "{\"leader\": \"" + leader + "\", \"candidate\": \"" + candidate + "\"}";
        try {
            return http.send(HttpRequest.newBuilder(rest.resolve("/switchover")).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** pgha agents through {@link PghaClusterFixture}. */
    final class Pgha implements BenchTarget {
        private final PghaClusterFixture cluster;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Pgha(int ttl, int loopWait, int retryTimeout) {
            cluster = PghaClusterFixture.builder("bench-pgha-" + ttl + "-" + loopWait).timing(ttl, loopWait, retryTimeout).start();
        }

        @Override
        public String system() {
            return "pgha";
        }

        @Override
        public int awaitHealthy() {
            return cluster.awaitHealthy(HEALTHY).index();
        }

        @Override
        public List<Integer> pgPorts() {
            return cluster.nodes().stream().map(PghaClusterFixture.Node::pgPort).toList();
        }

        @Override
        public String name(int index) {
            return cluster.node(index).name();
        }

        @Override
        public void kill9(int index) {
            cluster.kill9(index);
        }

        @Override
        public void signalTerm(int index) {
            cluster.signalTerm(index);
        }

        @Override
        public void finishStop(int index) {
            cluster.stop(index);
        }

        @Override
        public void start(int index) {
            cluster.start(index);
        }

        @Override
        public long agentPid(int index) {
            return cluster.node(index).agentPid();
        }

        @Override
        public EtcdFixture etcd() {
            return cluster.etcd();
        }

        @Override
        public String leaderKey() {
            return new Keyspace(PghaClusterFixture.NAMESPACE, cluster.scope()).leader();
        }

        @Override
        public void switchover(int leader, int candidate) throws IOException, InterruptedException {
            URI rest = URI.create("http://127.0.0.1:" + cluster.node(leader).restPort() + "/");
            int status = restSwitchover(http, rest, name(leader), name(candidate));
            if (status == 200 || status == 202) {
                return;
            }
            try (EtcdGatewayDcs dcs = new EtcdGatewayDcs(cluster.etcd().settings())) {
                Keyspace keyspace = new Keyspace(PghaClusterFixture.NAMESPACE, cluster.scope());
                dcs.put(keyspace.failover(), "{\"leader\": \"" + name(leader) + "\", \"member\": \"" + name(candidate) + "\"}", 0);
            }
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    /** Real Patroni 3.0.2 through {@link PatroniClusterFixture}. */
    final class Patroni implements BenchTarget {
        private final PatroniClusterFixture cluster;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Patroni(int ttl, int loopWait, int retryTimeout) {
            cluster = PatroniClusterFixture.builder("bench-patroni-" + ttl + "-" + loopWait).nodes(3)
                    .timing(ttl, loopWait, retryTimeout).start();
        }

        @Override
        public String system() {
            return "Patroni 3.0.2";
        }

        @Override
        public int awaitHealthy() {
            return cluster.awaitHealthy(HEALTHY).index();
        }

        @Override
        public List<Integer> pgPorts() {
            return cluster.nodes().stream().map(PatroniClusterFixture.Node::pgPort).toList();
        }

        @Override
        public String name(int index) {
            return cluster.node(index).name();
        }

        @Override
        public void kill9(int index) {
            cluster.kill9(index);
        }

        @Override
        public void signalTerm(int index) {
            cluster.signalTerm(index);
        }

        @Override
        public void finishStop(int index) {
            cluster.stop(index);
        }

        @Override
        public void start(int index) {
            cluster.start(index);
        }

        @Override
        public long agentPid(int index) {
            return cluster.node(index).patroniPid();
        }

        @Override
        public EtcdFixture etcd() {
            return cluster.etcd();
        }

        @Override
        public String leaderKey() {
            return new Keyspace(PatroniClusterFixture.NAMESPACE, cluster.scope()).leader();
        }

        @Override
        public void switchover(int leader, int candidate) throws IOException, InterruptedException {
            int status = restSwitchover(http, cluster.node(leader).restUrl(), name(leader), name(candidate));
            if (status != 200 && status != 202) {
                throw new IllegalStateException("Patroni refused the switchover: HTTP " + status);
            }
        }

        @Override
        public void close() {
            cluster.close();
        }
    }

    static List<Integer> indexes(BenchTarget target) {
        return IntStream.rangeClosed(1, target.pgPorts().size()).boxed().toList();
    }
}
