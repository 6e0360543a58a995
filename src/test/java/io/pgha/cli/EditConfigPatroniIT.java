package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PatroniClusterFixture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** pgha edit-config on a live Patroni 3.0.2 cluster: the agents apply what it writes, and patronictl reads it back. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditConfigPatroniIT {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static PatroniClusterFixture cluster;

    @BeforeAll
    static void startPatroni() {
        cluster = PatroniClusterFixture.builder("cfgedit").nodes(2).timing(10, 2, 3).start();
        cluster.awaitHealthy(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopPatroni() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static CliRun pgha(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-c";
        full[1] = cluster.configFile(2).toString();
        System.arraycopy(args, 0, full, 2, args.length);
        return CliRun.pgha(full);
    }

    private static String show(String parameter) {
        PatroniClusterFixture.Node leader = cluster.leader().orElseThrow();
        try (Connection c = leader.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + parameter)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "unreachable: " + e.getMessage();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not seen within " + PATIENCE);
            }
            Thread.sleep(500);
        }
    }

    @Test
    @Order(1)
    void aReloadableParameterIsAppliedByTheAgentsAndShownByPatronictl() throws Exception {
        CliRun run = pgha("edit-config", "-p", "work_mem=12MB", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("+    work_mem: 12MB\n") && run.out().endsWith("Configuration changed\n"), run.out());
        await("work_mem 12MB on the leader", () -> "12MB".equals(show("work_mem")));
        CommandResult patronictl = cluster.patronictl("show-config");
        assertEquals(0, patronictl.exitCode(), patronictl.describe());
        assertTrue(patronictl.stdout().contains("    work_mem: 12MB\n"), patronictl.stdout());
        assertEquals(patronictl.stdout(), pgha("show-config").out());
    }

    @Test
    @Order(2)
    void aRestartParameterShowsAsPendingRestartInList() throws Exception {
        CliRun run = pgha("edit-config", "-p", "max_connections=60", "--force", "-q");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("Configuration changed\n", run.out());
        ObjectMapper json = new ObjectMapper();
        await("pending restart on both members in pgha list", () -> {
            CliRun list = pgha("list", "-f", "json");
            try {
                int pending = 0;
                for (JsonNode row : json.readTree(list.out())) {
                    pending += "*".equals(row.path("Pending restart").asText()) ? 1 : 0;
                }
                return pending == 2;
            } catch (Exception e) {
                return false;
            }
        });
        CliRun list = pgha("--compat", "3.0", "list");
        assertTrue(list.out().contains("| Pending restart |"), list.out());
        assertEquals("50", show("max_connections"), "PostgreSQL keeps the old value until restarted");
    }

    @Test
    @Order(3)
    void patronictlEditsWhatPghaWroteAndPghaRefusesWhatPatroniWouldMisuse() throws Exception {
        CommandResult patronictl = cluster.patronictl("edit-config", "-s", "maximum_lag_on_failover=2097152", "--force");
        assertEquals(0, patronictl.exitCode(), patronictl.describe());
        assertTrue(pgha("show-config").out().contains("maximum_lag_on_failover: 2097152\n"));

        CliRun invalid = pgha("edit-config", "-s", "loop_wait=8", "--force");
        assertEquals(1, invalid.exitCode(), invalid.toString());
        assertTrue(invalid.err().startsWith("Error: invalid configuration, nothing written: ttl 10 must be at least "
                + "loop_wait + 2*retry_timeout = 8 + 2*3 = 14"), invalid.err());
        assertTrue(pgha("show-config").out().contains("loop_wait: 2\n"));
    }
}
