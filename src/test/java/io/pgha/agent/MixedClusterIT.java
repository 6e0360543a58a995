package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.config.ConfigSources;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import io.pgha.testing.CommandResult;
import io.pgha.testing.FreePorts;
import io.pgha.testing.PatroniClusterFixture;
import io.pgha.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pgha agent as a member of a real Patroni 3.0.2 cluster: it clones from Patroni's leader, streams
 * through the slot Patroni keeps for it, shows up in patronictl like any member, and follows whoever
 * Patroni's nodes and itself elect after the leader stops.
 */
class MixedClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPghaAgentJoinsAPatroniClusterAndFollowsItsNextLeader(@TempDir Path dir) throws Exception {
        try (PatroniClusterFixture patroni = PatroniClusterFixture.builder("mixed").nodes(2).timing(10, 2, 3).start()) {
            patroni.awaitHealthy(Duration.ofSeconds(120));
            int pgPort = FreePorts.next();
            int rest = FreePorts.next();
            Path config = Files.writeString(dir.resolve("patroni.yml"), """
                    scope: mixed
                    namespace: /service/
                    name: pgha3
                    restapi: {listen: 127.0.0.1:%d, connect_address: 127.0.0.1:%d}
                    etcd3: {hosts: '%s'}
                    postgresql:
                      listen: 127.0.0.1:%d
                      connect_address: 127.0.0.1:%d
                      data_dir: %s
                      bin_dir: %s
                      pgpass: %s
                      authentication:
                        superuser: {username: %s, password: %s}
                        replication: {username: %s, password: %s}
                      parameters: {unix_socket_directories: '%s', fsync: 'off'}
                      pg_hba: [local all all trust, host replication replicator 127.0.0.1/32 md5, host all all 127.0.0.1/32 md5]
                    """.formatted(rest, rest, patroni.etcd().hostsCsv(), pgPort, pgPort, dir.resolve("data"),
                    PostgresFixture.BIN_DIR, dir.resolve("pgpass"), PatroniClusterFixture.SUPERUSER,
                    PatroniClusterFixture.SUPERUSER_PASSWORD, PatroniClusterFixture.REPLICATION_USER,
                    PatroniClusterFixture.REPLICATION_PASSWORD, dir));
            Agent agent = Agent.builder(ConfigSources.local(config, Map.of())).build();
            agent.start();
            try (EtcdGatewayDcs dcs = new EtcdGatewayDcs(patroni.etcd().settings())) {
                Keyspace keyspace = new Keyspace("/service/", "mixed");
                awaitStreaming(dcs, keyspace, "node1");

                CommandResult list = patroni.patronictl("list", "-f", "json");
                Map<String, String> roles = new TreeMap<>();
                for (JsonNode member : JSON.readTree(list.stdout())) {
                    roles.put(member.path("Member").asText(), member.path("Role").asText() + "/" + member.path("State").asText());
                }
                assertEquals(Map.of("node1", "Leader/running", "node2", "Replica/running", "pgha3", "Replica/running"),
                        roles, list.stdout());
                try (Connection c = patroni.node(1).connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE mixed_check AS SELECT 'from patroni' AS note");
                }
                assertEquals("from patroni", awaitRow(pgPort, "SELECT note FROM mixed_check"));

                patroni.stop(1);
                String leader = awaitNewLeader(dcs, keyspace, "node1");
                System.out.println("after Patroni's leader stopped, " + leader + " leads");
                awaitStreaming(dcs, keyspace, leader, leader.equals("pgha3") ? "node2" : "pgha3");
                int leaderPort = leader.equals("pgha3") ? pgPort : patroni.node(2).pgPort();
                int followerPort = leader.equals("pgha3") ? patroni.node(2).pgPort() : pgPort;
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + leaderPort + "/postgres",
                        PatroniClusterFixture.SUPERUSER, PatroniClusterFixture.SUPERUSER_PASSWORD);
                     Statement s = c.createStatement()) {
                    s.execute("INSERT INTO mixed_check VALUES ('from " + leader + "')");
                }
                assertEquals("from " + leader, awaitRow(followerPort, "SELECT note FROM mixed_check WHERE note <> 'from patroni'"),
                        "the other member streams from the new leader");
            } finally {
                agent.stop();
            }
        }
    }

    private static String awaitRow(int port, String query) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                    PatroniClusterFixture.SUPERUSER, PatroniClusterFixture.SUPERUSER_PASSWORD);
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            } catch (SQLException e) {
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no row for " + query + " on port " + port + ": " + last);
    }

    /** Waits until {@code followers} (default: pgha3) publish themselves streaming replicas of {@code leader}. */
    private static void awaitStreaming(EtcdGatewayDcs dcs, Keyspace keyspace, String leader, String... followers)
            throws InterruptedException {
        String[] names = followers.length == 0 ? new String[] {"pgha3"} : followers;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Cluster view = ClusterParser.parse(keyspace, dcs.range(keyspace.prefix()));
            boolean ok = !view.isUnlocked() && view.leader().name().equals(leader);
            Integer leaderTimeline = view.member(leader).map(Member::timeline).orElse(null);
            for (String name : names) {
                Optional<Member> m = view.member(name);
                // Patroni 3.0.2 does not publish replication_state (3.0.4+ does); pgha does
                ok &= m.isPresent() && m.get().isRunning() && "replica".equals(m.get().role())
                        && (m.get().replicationState() == null || "streaming".equals(m.get().replicationState()))
                        && java.util.Objects.equals(m.get().timeline(), leaderTimeline);
            }
            if (ok) {
                return;
            }
            last = view.members().stream().map(m -> m.name() + ":" + m.role() + "/" + m.state() + "/"
                    + m.replicationState() + "/tl" + m.timeline()).toList() + " leader " + (view.isUnlocked() ? "-" : view.leader().name());
            Thread.sleep(500);
        }
        throw new AssertionError("no streaming " + String.join(",", names) + " under " + leader + ": " + last);
    }

    private static String awaitNewLeader(EtcdGatewayDcs dcs, Keyspace keyspace, String old) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Cluster view = ClusterParser.parse(keyspace, dcs.range(keyspace.prefix()));
            if (!view.isUnlocked() && !view.leader().name().equals(old)
                    && view.member(view.leader().name()).map(m -> m.isPrimaryRole() && m.isRunning()).orElse(false)) {
                return view.leader().name();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("nobody took over from " + old);
    }
}
