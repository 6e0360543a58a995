package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PostgresFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * query against real etcd and a real PostgreSQL 15: the cluster "qdemo" has node1 (leader) and node2, both
 * pointing at the one server, which is not in recovery, so it is a primary and no replica.
 */
class QueryIT {
    private static final String STAMP = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";
    private static EtcdFixture etcd;
    private static PostgresFixture postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        postgres = PostgresFixture.start();
        etcd = EtcdFixture.startSingle();
        try (Dcs dcs = new EtcdGatewayDcs(etcd.settings())) {
            for (String node : List.of("node1", "node2")) {
                dcs.put("/service/qdemo/members/" + node, "{\"conn_url\":\"postgres://127.0.0.1:" + postgres.port()
                        + "/postgres\",\"api_url\":\"http://127.0.0.1:1/patroni\",\"state\":\"running\",\"role\":\""
                        + (node.equals("node1") ? "master" : "replica") + "\",\"version\":\"3.0.2\"}", 0);
            }
            dcs.put("/service/qdemo/leader", "node1", 0);
        }
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String[] withDcs(String... args) {
        List<String> full = new ArrayList<>(List.of("-d", "etcd3://127.0.0.1:" + etcd.members().get(0).clientPort()));
        full.addAll(List.of(args));
        return full.toArray(String[]::new);
    }

    private static CliRun pgha(String... args) {
        return CliRun.pgha(withDcs(args));
    }

    @Test
    void rowsArePrintedWithPythonsTextOfTheValues() {
        CliRun run = pgha("query", "qdemo", "-d", "postgres", "-c",
                "SELECT 1 AS one, 'x' AS two, NULL AS three, true AS four, 2.50::numeric AS five, ARRAY[1,2] AS six");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("one\ttwo\tthree\tfour\tfive\tsix\n1\tx\tNone\tTrue\t2.50\t[1, 2]\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void otherFormatsAndDelimiters() {
        String sql = "SELECT 1 AS one, 'x' AS two";
        assertEquals("one,two\n1,x\n", pgha("query", "qdemo", "-d", "postgres", "--delimiter", ",", "-c", sql).out());
        assertEquals("[{\"one\": 1, \"two\": \"x\"}]\n", pgha("query", "qdemo", "-d", "postgres", "--format", "json",
                "-c", sql).out());
        assertEquals("- one: 1\n  two: x\n\n", pgha("query", "qdemo", "-d", "postgres", "--format", "yaml",
                "-c", sql).out());
        assertEquals("+-----+-----+\n| one | two |\n+-----+-----+\n| 1   | x   |\n+-----+-----+\n",
                pgha("query", "qdemo", "-d", "postgres", "--format", "pretty", "-c", sql).out());
    }

    @Test
    void anSqlErrorIsADataRowWithTheSqlstateAndExitZero() {
        CliRun run = pgha("query", "qdemo", "-d", "postgres", "-c", "SELECT 1/0");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches(STAMP + "\tERROR, SQLSTATE: 22012\n"), run.out());
        CliRun pretty = pgha("query", "qdemo", "-d", "postgres", "--format", "pretty", "-c", "SELECT 1/0");
        assertTrue(pretty.out().contains("| Field 1             | Field 2                |"), pretty.out());
    }

    @Test
    void aConnectionFailureIsReportedLikeLibpqReportsIt() {
        CliRun run = pgha("query", "qdemo", "-d", "nosuchdb", "-c", "SELECT 1");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().matches(STAMP + "\tERROR, SQLSTATE: connection to server at \"127.0.0.1\", port "
                + postgres.port() + " failed: FATAL: database \"nosuchdb\" does not exist\n"), run.out());
    }

    @Test
    void theRoleIsCheckedOnTheServerAndAMemberCanBeNamed() {
        CliRun replica = pgha("query", "qdemo", "-d", "postgres", "-r", "replica", "-c", "SELECT 1");
        assertTrue(replica.out().matches(STAMP + "\tNo connection to role 'replica' is available\n"), replica.out());
        CliRun old = pgha("--compat", "3.0", "query", "qdemo", "-d", "postgres", "-r", "replica", "-c", "SELECT 1");
        assertTrue(old.out().matches(STAMP + "\tNo connection to role=replica is available\n"), old.out());
        CliRun primary = pgha("query", "qdemo", "-d", "postgres", "-r", "primary", "-c", "SELECT 7 AS n");
        assertEquals("n\n7\n", primary.out());
        CliRun member = pgha("query", "qdemo", "-d", "postgres", "-m", "node2", "-c",
                "SELECT current_setting('application_name') AS app");
        assertEquals("app\nPatroni ctl\n", member.out());
        CliRun nosuch = pgha("query", "qdemo", "-m", "node9", "-c", "SELECT 1");
        assertTrue(nosuch.out().matches(STAMP + "\tNo connection to member node9 is available\n"), nosuch.out());
    }

    @Test
    void aFileRunsAllStatementsAndTheLastOneAnswers() throws IOException {
        Path sql = Files.writeString(dir.resolve("q.sql"),
                "CREATE TABLE IF NOT EXISTS qit (v int); INSERT INTO qit VALUES (5); SELECT count(*) AS n FROM qit;");
        CliRun run = pgha("query", "qdemo", "-d", "postgres", "-f", sql.toString());
        assertEquals("n\n1\n", run.out(), run.toString());
        CliRun noRows = pgha("query", "qdemo", "-d", "postgres", "-c", "INSERT INTO qit VALUES (6)");
        assertTrue(noRows.out().matches(STAMP + "\tERROR, SQLSTATE: no results to fetch\n"), noRows.out());
        assertEquals("n\n2\n", pgha("query", "qdemo", "-d", "postgres", "-c", "SELECT count(*) AS n FROM qit").out(),
                "autocommit, as patronictl's connection: the insert stays");
    }

    @Test
    void thePasswordIsAskedWithoutEchoAndNeverPrinted() {
        CliRun run = CliRun.answering(List.of("s3cret-pw"), Map.of(), withDcs("query", "qdemo", "-d", "postgres",
                "--password", "-U", postgres.user(), "-c", "SELECT 2 AS n"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Password: ") && run.out().endsWith("n\n2\n"), run.out());
        assertFalse(run.err().contains("s3cret-pw"), run.err());
        CliRun noTerminal = pgha("query", "qdemo", "--password", "-c", "SELECT 1");
        assertEquals(1, noTerminal.exitCode());
        assertEquals("Error: standard input is not a terminal, so \"Password\" cannot be asked: pass PGPASSWORD in "
                + "the environment instead of --password\n", noTerminal.err());
    }

    @Test
    void optionErrorsArePatronictls() {
        assertEquals("Error: You need to specify either --command or --file\n", pgha("query", "qdemo").err());
        assertEquals("Error: --file and --command are mutually exclusive options\n",
                pgha("query", "qdemo", "-c", "x", "-f", "y").err());
        assertEquals("Error: --role and --member are mutually exclusive options\n",
                pgha("query", "qdemo", "-r", "any", "-m", "node1", "-c", "x").err());
    }
}
