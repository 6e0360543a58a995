package io.pgha.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pgha.cli.DcsNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed completions/pgha.bash, driven through bash's completion variables. Where names
 * come from the DCS, a stand-in program named pgha records how it was asked and answers.
 */
class BashCompletionTest {

    @Test
    void aCommandCompletesFromItsPrefix() {
        assertEquals(List.of("list"), CompletionShell.complete("pgha li"));
    }

    @Test
    void patronictlCompletesLikePgha() {
        assertEquals(List.of("show-config"), CompletionShell.complete("patronictl sh"));
    }

    @Test
    void optionsOfTheCommandComplete() {
        assertEquals(List.of("--format"), CompletionShell.complete("pgha list --fo"));
    }

    @Test
    void formatAndRoleOfferTheValuesAsTheyAreTyped() {
        assertEquals(List.of("pretty", "tsv", "json", "yaml"), CompletionShell.complete("pgha list -f "));
        assertEquals(List.of("standby-leader", "standby"), CompletionShell.complete("pgha dsn --role stan"));
    }

    @Test
    void aMemberNameIsAskedOfTheProgramWithTheGlobalOptionsAndTheCluster(@TempDir Path dir) throws IOException {
        Path pgha = standIn(dir, "node1", "node2", "other");
        List<String> offered = CompletionShell.complete(pgha + " -d etcd3://127.0.0.1:1234 dsn demo -m no");
        assertEquals(List.of("node1", "node2"), offered);
        assertEquals("-d etcd3://127.0.0.1:1234 __complete members demo (PGHA_DCS_TIMEOUT=1)\n", asked(dir));
    }

    @Test
    void aClusterNameIsAskedForWhereTheCommandTakesOne(@TempDir Path dir) throws IOException {
        Path pgha = standIn(dir, "demo", "other");
        assertEquals(List.of("demo", "other"), CompletionShell.complete(pgha + " -c /etc/patroni.yml list -e "));
        assertEquals("-c /etc/patroni.yml __complete clusters (PGHA_DCS_TIMEOUT=1)\n", asked(dir));
    }

    @Test
    void membersAfterTheClusterOfVersion(@TempDir Path dir) throws IOException {
        Path pgha = standIn(dir, "node1", "node2");
        assertEquals(List.of("node1", "node2"), CompletionShell.complete(pgha + " version demo "));
        assertEquals("__complete members demo (PGHA_DCS_TIMEOUT=1)\n", asked(dir));
    }

    @Test
    void aSlowerDcsGetsTheTimeoutTheUserAsksFor(@TempDir Path dir) throws IOException {
        Path pgha = standIn(dir, "node1");
        assertEquals(List.of("node1"), CompletionShell.complete(pgha + " version demo ", Map.of("PGHA_COMPLETION_TIMEOUT", "7")));
        assertEquals("__complete members demo (PGHA_DCS_TIMEOUT=7)\n", asked(dir));
    }

    @Test
    void optionsAndFixedValuesDoNotStartTheProgram(@TempDir Path dir) throws IOException {
        Path pgha = standIn(dir, "node1");
        CompletionShell.complete(pgha + " dsn -");
        CompletionShell.complete(pgha + " dsn -r ");
        CompletionShell.complete(pgha + " ");
        assertFalse(Files.exists(dir.resolve("asked")), "the program was started: " + (Files.exists(dir.resolve("asked")) ? asked(dir) : ""));
    }

    @Test
    void aNameFromTheDcsIsOfferedAsTextNeverRunAsShell(@TempDir Path dir) throws IOException {
        String hostile = "$(touch " + dir.resolve("ran") + ")";
        Path pgha = standIn(dir, hostile);
        assertEquals(List.of(hostile), CompletionShell.complete(pgha + " list "));
        assertFalse(Files.exists(dir.resolve("ran")));
    }

    @Test
    void everyClusterAndMemberArgumentCompletesFromTheDcs() {
        List<String> missing = new ArrayList<>();
        Deque<CommandSpec> commands = new ArrayDeque<>(List.of(GenerateDocs.model().getCommandSpec()));
        while (!commands.isEmpty()) {
            CommandSpec command = commands.removeFirst();
            command.subcommands().values().forEach(sub -> commands.addLast(sub.getCommandSpec()));
            for (PositionalParamSpec positional : command.positionalParameters()) {
                String label = positional.paramLabel();
                boolean clusters = label.startsWith("CLUSTER_NAME") && !(positional.completionCandidates() instanceof DcsNames.Clusters);
                boolean members = label.startsWith("MEMBER_NAME") && !(positional.completionCandidates() instanceof DcsNames.Members);
                if (clusters || members) {
                    missing.add(command.qualifiedName() + " " + label);
                }
            }
        }
        assertEquals(List.of(), missing, "give these completionCandidates = DcsNames.Clusters/Members.class");
    }

    /** An executable named pgha that appends its arguments to {@code dir/asked} and prints {@code names}. */
    private static Path standIn(Path dir, String... names) throws IOException {
        Path program = dir.resolve("pgha");
        StringBuilder script = new StringBuilder("#!/bin/sh\n")
                .append("echo \"$* (PGHA_DCS_TIMEOUT=$PGHA_DCS_TIMEOUT)\" >> '").append(dir.resolve("asked")).append("'\n");
        for (String name : names) {
            script.append("printf '%s\\n' '").append(name.replace("'", "'\\''")).append("'\n");
        }
        Files.writeString(program, script);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    private static String asked(Path dir) throws IOException {
        return Files.readString(dir.resolve("asked"));
    }
}
