package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.config.ConfigSources;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Keyspace;
import io.pgha.ha.Role;
import io.pgha.testing.EtcdFixture;
import io.pgha.testing.FreePorts;
import io.pgha.testing.PostgresFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embeddable API: an agent in this JVM bootstraps a one-node cluster, reports its role and stops cleanly. */
class EmbeddedAgentIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEmbeddedAgentBootstrapsServesItsStateAndStopsGracefully(@TempDir Path dir) throws Exception {
        try (EtcdFixture etcd = EtcdFixture.startSingle(); EtcdGatewayDcs dcs = new EtcdGatewayDcs(etcd.settings())) {
            int rest = FreePorts.next();
            Path config = Files.writeString(dir.resolve("patroni.yml"), """
                    scope: embedded
                    name: solo
                    restapi: {listen: 127.0.0.1:%d, connect_address: 127.0.0.1:%d}
                    etcd3: {hosts: '%s'}
                    bootstrap:
                      dcs: {ttl: 20, loop_wait: 1, retry_timeout: 3}
                      initdb: [{encoding: UTF8}, {locale: C}]
                    postgresql:
                      listen: 127.0.0.1:%d
                      data_dir: %s
                      bin_dir: %s
                      pgpass: %s
                      authentication:
                        superuser: {username: postgres, password: embedded-secret}
                        replication: {username: replicator, password: embedded-repl}
                      parameters: {unix_socket_directories: '%s', fsync: 'off'}
                      pg_hba: [local all all trust, host all all 127.0.0.1/32 md5]
                    """.formatted(rest, rest, etcd.hostsCsv(), FreePorts.next(), dir.resolve("data"),
                    PostgresFixture.BIN_DIR, dir.resolve("pgpass"), dir));
            Agent agent = Agent.builder(ConfigSources.local(config, Map.of())).build();
            List<String> changes = new CopyOnWriteArrayList<>();
            agent.addRoleChangeListener((from, to) -> changes.add(from.patroniName() + "->" + to.patroniName()));
            agent.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (!"primary".equals(agent.state().role()) || agent.state().cluster() == null
                        || agent.state().cluster().isUnlocked()) {
                    assertTrue(System.nanoTime() < deadline, "no primary: " + agent.state());
                    Thread.sleep(200);
                }
                assertTrue(agent.state().holdsLeaderKey());
                JsonNode status = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + rest + "/patroni")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertEquals("primary", status.path("role").asText(), status.toString());
                assertEquals("running", status.path("state").asText(), status.toString());
            } finally {
                agent.stop();
            }
            assertEquals(0, agent.exitStatus());
            assertEquals(List.of("uninitialized->primary"), changes);
            Keyspace keyspace = new Keyspace("/service", "embedded");
            Cluster view = ClusterParser.parse(keyspace, dcs.range(keyspace.prefix()));
            assertTrue(view.isUnlocked(), "the leader key is released at stop");
            assertEquals("stopped", view.member("solo").orElseThrow().state());
            assertEquals(Role.PRIMARY.patroniName(), view.member("solo").orElseThrow().role());
            assertTrue(Files.notExists(dir.resolve("data/postmaster.pid")), "PostgreSQL is stopped");
        }
    }
}
