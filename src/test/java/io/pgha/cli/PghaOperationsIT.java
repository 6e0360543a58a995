package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.PatroniClusterFixture;
import io.pgha.testing.PghaClusterFixture;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgha's operation commands drive a cluster of pgha agents through the agents' REST API, and Debian's real
 * patronictl 3.0.2 switches it over, restarts a member and pauses it.
 */
class PghaOperationsIT implements HandoverScenarios, MaintenanceScenarios {
    private static PghaClusterFixture cluster;

    @BeforeAll
    static void startAgents() {
        cluster = PghaClusterFixture.builder("ops").nodes(3).timing(10, 2, 3).start();
        cluster.awaitHealthy(HEALTHY);
    }

    @AfterAll
    static void stopAgents() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public String configFile() {
        return cluster.node(1).configFile().toString();
    }

    @Override
    public List<String> memberNames() {
        return cluster.nodes().stream().map(PghaClusterFixture.Node::name).toList();
    }

    @Override
    public OptionalLong postmasterPid(String member) {
        return cluster.node(member).postmasterPid();
    }

    @Override
    public URI restUrl(String member) {
        return URI.create("http://127.0.0.1:" + cluster.node(member).restPort());
    }

    @Override
    public String logTails() {
        return cluster.logTails(20);
    }

    @Override
    public void awaitHealthy() {
        cluster.awaitHealthy(HEALTHY);
    }

    private CommandResult patronictl(String... args) {
        List<String> command = new ArrayList<>(List.of(PatroniClusterFixture.PATRONICTL.toString(), "-c", configFile()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        System.getenv().keySet().stream().filter(n -> n.startsWith("PATRONI_") || n.equals("DCS_URL"))
                .forEach(n -> env.put(n, null));
        return Commands.run(command, Duration.ofSeconds(120), null, env);
    }

    @Test
    void realPatronictlRestartsAPghaMember() throws Exception {
        String member = aReplica(leader());
        long pid = postmasterPid(member).orElseThrow();
        CommandResult run = patronictl("restart", "ops", member, "--force");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().endsWith("Success: restart on member " + member + "\n"), run.describe());
        assertNotEquals(pid, postmasterPid(member).orElse(pid));
    }

    @Test
    void realPatronictlSwitchesOverAPghaCluster() throws Exception {
        String candidate = aReplica(leader());
        CommandResult run = patronictl("switchover", "ops", "--candidate", candidate, "--force");
        assertEquals(0, run.exitCode(), run.describe());
        assertTrue(run.stdout().contains("Successfully switched over to \"" + candidate + "\""), run.describe());
        assertEquals(candidate, leader());
    }

    @Test
    void realPatronictlPausesAndResumesAPghaCluster() {
        CommandResult pause = patronictl("pause", "ops", "--wait");
        try {
            assertEquals(0, pause.exitCode(), pause.describe());
            assertTrue(pause.stdout().endsWith("Success: cluster management is paused\n"), pause.describe());
            assertTrue(pgha("list").out().contains(" Maintenance mode: on\n"), "pgha list shows maintenance mode");
        } finally {
            CommandResult resume = patronictl("resume", "ops", "--wait");
            assertEquals(0, resume.exitCode(), resume.describe());
            assertTrue(resume.stdout().endsWith("Success: cluster management is resumed\n"), resume.describe());
        }
    }
}
