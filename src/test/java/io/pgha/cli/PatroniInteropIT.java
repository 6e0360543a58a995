package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PatroniClusterFixture;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgha administers a real Patroni 3.0.2 cluster: it sees what patronictl sees, from the agents' own config. */
class PatroniInteropIT {
    private static PatroniClusterFixture cluster;

    @BeforeAll
    static void startPatroni() {
        cluster = PatroniClusterFixture.builder("interop").nodes(3).timing(10, 2, 3).start();
        cluster.awaitHealthy(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopPatroni() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** member name → "role/state/timeline" from a list -f json answer. */
    private static Map<String, String> rows(String json) throws Exception {
        Map<String, String> rows = new TreeMap<>();
        for (JsonNode row : new ObjectMapper().readTree(json)) {
            rows.put(row.path("Member").asText(), row.path("Role").asText() + "/" + row.path("State").asText()
                    + "/" + row.path("TL").asText());
        }
        return rows;
    }

    @Test
    void listShowsTheSameMembersRolesStatesAndTimelinesAsPatronictl() throws Exception {
        CommandResult patronictl = cluster.patronictl("list", "-f", "json");
        assertEquals(0, patronictl.exitCode(), patronictl.describe());
        CliRun pgha = CliRun.pgha("-c", cluster.configFile(1).toString(), "list", "-f", "json");
        assertEquals(0, pgha.exitCode(), pgha.toString());

        Map<String, String> expected = rows(patronictl.stdout());
        assertEquals(3, expected.size(), patronictl.stdout());
        assertEquals(expected, rows(pgha.out()));
        assertEquals("", pgha.err());
    }

    @Test
    void topologyPutsTheLeaderFirst() {
        CliRun pgha = CliRun.pgha("-c", cluster.configFile(2).toString(), "topology");
        assertEquals(0, pgha.exitCode(), pgha.toString());
        String leaderRow = pgha.out().lines().skip(3).findFirst().orElseThrow();
        assertTrue(leaderRow.contains("| Leader "), pgha.out());
        assertEquals(2, pgha.out().lines().filter(l -> l.startsWith("| + ")).count(), pgha.out());
    }

    @Test
    void versionAsksEveryAgentOverItsRestApi() {
        CliRun pgha = CliRun.pgha("-c", cluster.configFile(1).toString(), "version", "interop");
        assertEquals(0, pgha.exitCode(), pgha.toString());
        for (int i = 1; i <= 3; i++) {
            assertTrue(pgha.out().contains("node" + i + ": Patroni 3.0.2 PostgreSQL 15."), pgha.out());
        }
    }

    @Test
    void dsnOfTheLeaderMatchesPatronictl() {
        CommandResult patronictl = cluster.patronictl("dsn");
        CliRun pgha = CliRun.pgha("-c", cluster.configFile(3).toString(), "dsn");
        assertEquals(patronictl.stdout(), pgha.out());
    }
}
