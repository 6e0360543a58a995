package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command that accepts patronictl's {@code --group} refuses a Citus group before it touches anything. */
class CitusGroupTest {
    /** Each command with {@code --group}, and the arguments that make its command line otherwise complete. */
    private static final Map<String, List<String>> COMMANDS = Map.of(
            "reload", List.of("demo", "--force"),
            "restart", List.of("demo", "--force"),
            "reinit", List.of("demo", "node2", "--force"),
            "flush", List.of("demo", "restart", "--force"),
            "pause", List.of("demo"),
            "resume", List.of("demo"),
            "switchover", List.of("demo", "--force"),
            "failover", List.of("demo", "--candidate", "node2", "--force"));

    @Test
    void theListCoversEveryCommandWithAGroupOption() {
        TreeSet<String> withGroup = new TreeSet<>();
        for (CommandLine sub : PghaCommand.tree().getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--group") != null) {
                withGroup.add(sub.getCommandName());
            }
        }
        assertEquals(new TreeSet<>(COMMANDS.keySet()), withGroup);
    }

    @Test
    void aCitusGroupIsRefusedWithExitOneAndNamed() {
        COMMANDS.forEach((command, rest) -> {
            List<String> args = new ArrayList<>(List.of("-d", "etcd3://127.0.0.1:1", command));
            args.addAll(rest);
            args.addAll(List.of("--group", "1"));
            CliRun run = CliRun.pgha(args.toArray(String[]::new));
            assertEquals(ExitCode.ERROR, run.exitCode(), command + ": " + run);
            assertEquals("Error: --group 1: Citus clusters are not supported by pgha yet\n", run.err(), command);
            assertEquals("", run.out(), command);
        });
    }
}
