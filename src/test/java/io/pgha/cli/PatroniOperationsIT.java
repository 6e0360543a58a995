package io.pgha.cli;

import io.pgha.testing.PatroniClusterFixture;
import java.net.URI;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** pgha's operation commands drive a real Patroni 3.0.2 cluster through its REST API. */
class PatroniOperationsIT extends OperationScenarios {
    private static PatroniClusterFixture cluster;

    @BeforeAll
    static void startPatroni() {
        cluster = PatroniClusterFixture.builder("ops").nodes(3).timing(10, 2, 3).start();
        cluster.awaitHealthy(HEALTHY);
    }

    @AfterAll
    static void stopPatroni() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String configFile() {
        return cluster.configFile(1).toString();
    }

    @Override
    List<String> memberNames() {
        return cluster.nodes().stream().map(PatroniClusterFixture.Node::name).toList();
    }

    private static PatroniClusterFixture.Node node(String name) {
        return cluster.node(Integer.parseInt(name.substring("node".length())));
    }

    @Override
    OptionalLong postmasterPid(String member) {
        return node(member).postmasterPid();
    }

    @Override
    URI restUrl(String member) {
        return node(member).restUrl();
    }

    @Override
    void awaitHealthy() {
        cluster.awaitHealthy(HEALTHY);
    }
}
