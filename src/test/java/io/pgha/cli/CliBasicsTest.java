package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Behaviour that needs no etcd: help, versions, usage errors, configuration errors. */
class CliBasicsTest {

    @Test
    void helpListsTheCommandsAndExitsZero() {
        CliRun run = CliRun.pgha("--help");
        assertEquals(0, run.exitCode(), run.toString());
        for (String command : new String[] {"list", "topology", "history", "show-config", "dsn", "version"}) {
            assertTrue(run.out().contains(command), command + " missing from help:\n" + run.out());
        }
    }

    @Test
    void helpIsTheSameAsPicocliWouldPrintForTheWholeTree() {
        for (String program : new String[] {"pgha", "patronictl"}) {
            java.io.StringWriter full = new java.io.StringWriter();
            CommandLine tree = PghaCommand.tree().setCommandName(program);
            tree.usage(new java.io.PrintWriter(full, true), CommandLine.Help.Ansi.OFF);
            CliRun run = CliRun.run(program, Map.of(), "--help");
            assertEquals(full.toString(), run.out(), program);
            assertEquals(full.toString(), CliRun.run(program, Map.of()).out(), program + " without arguments");
        }
    }

    @Test
    void theTopLevelHelpListsEveryCommandHoweverItIsAskedFor() {
        String usage = CliRun.pgha("--help").out();
        for (String[] args : new String[][] {{"--help", "list"}, {"-kh", "list", "demo"}, {"-k", "-h", "dsn"}}) {
            CliRun run = CliRun.pgha(args);
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals(usage, run.out(), String.join(" ", args));
        }
    }

    @Test
    void aSubcommandRunsWhenAnOptionValueNamesAnotherOne() {
        CliRun run = CliRun.pgha("-d", "etcd3://127.0.0.1:1", "dsn", "-r", "replica", "-m", "dsn", "list");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: --role and --member are mutually exclusive options\n", run.err());
    }

    @Test
    void calledAsPatronictlItNamesItselfSo() {
        CliRun run = CliRun.patronictl("version");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("patronictl version "), run.out());
        assertTrue(CliRun.patronictl("--help").out().contains("Usage: patronictl"));
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithExitTwo() {
        CliRun run = CliRun.pgha("lst");
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("Usage: pgha [OPTIONS] COMMAND [ARGS]...\nTry 'pgha --help' for help.\n\n"
                + "Error: Unmatched argument at index 0: 'lst'\n", run.err());
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        CliRun run = CliRun.pgha("list", "--no-such-option");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("Error: Unknown option: '--no-such-option'"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badFormatChoiceIsAUsageError() {
        CliRun run = CliRun.pgha("-d", "etcd3://127.0.0.1:1", "list", "-f", "xml", "demo");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("xml"), run.err());
    }

    @Test
    void missingExplicitConfigFileUsesPatronictlsMessage() {
        CliRun run = CliRun.pgha("-c", "/nonexistent/patroni.yml", "list");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: Provided config file /nonexistent/patroni.yml not existing or no read rights. "
                + "Check the -c/--config-file parameter\n", run.err());
    }

    @Test
    void malformedConfigIsReportedWithFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("patroni.yml");
        Files.writeString(config, "scope: demo\netcd3:\n  hosts: 127.0.0.1:2379\n bad: indentation\n");
        CliRun run = CliRun.pgha("-c", config.toString(), "list");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("Error: config error: " + config + ":4:"), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
    }

    @Test
    void unknownDcsSchemeIsOneLine() {
        CliRun run = CliRun.pgha("-d", "zookeepr://h:1", "list", "demo");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: Unknown dcs scheme: zookeepr\n", run.err());
    }

    @Test
    void roleAndMemberTogetherAreRefused() {
        CliRun run = CliRun.pgha("-d", "etcd3://127.0.0.1:1", "dsn", "-r", "replica", "-m", "node1", "demo");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: --role and --member are mutually exclusive options\n", run.err());
    }

    @Test
    void postgresVersionNumbersReadAsPatronictlPrintsThem() {
        assertEquals("15.18", VersionCommand.postgresVersion(150018));
        assertEquals("9.6.24", VersionCommand.postgresVersion(90624));
    }
}
