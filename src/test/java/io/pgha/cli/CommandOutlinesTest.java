package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command line builds only the subcommand it names and shows the others from outlines read off
 * their annotations. These checks hold for every entry of {@link PghaCommand#SUBCOMMANDS}, so a
 * command added there keeps its help and behaviour whichever way it is built.
 */
class CommandOutlinesTest {

    @Test
    void everySubcommandsOutlineShowsWhatItsFullModelShows() {
        CommandLine full = new CommandLineFactory(Program.of("pgha"), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Map.of()).create();
        for (Class<?> type : PghaCommand.SUBCOMMANDS) {
            CommandSpec outline = CommandLineFactory.outline(type);
            CommandSpec real = full.getSubcommands().get(outline.name()).getCommandSpec();
            String name = type.getSimpleName();
            assertEquals(real.name(), outline.name(), name);
            assertArrayEquals(real.aliases(), outline.aliases(), name + " aliases");
            assertArrayEquals(real.usageMessage().header(), outline.usageMessage().header(), name + " header");
            assertArrayEquals(real.usageMessage().description(), outline.usageMessage().description(),
                    name + " description");
            assertEquals(real.usageMessage().hidden(), outline.usageMessage().hidden(), name + " hidden");
        }
    }

    @Test
    void subcommandsAreRegisteredThroughTheListOnly() {
        assertEquals(0, PghaCommand.class.getAnnotation(Command.class).subcommands().length,
                "@Command(subcommands) on PghaCommand builds them all on every start; add them to PghaCommand.SUBCOMMANDS");
        assertEquals(PghaCommand.SUBCOMMANDS.size(), PghaCommand.SUBCOMMANDS.stream().distinct().count());
    }

    @Test
    void everySubcommandsHelpIsTheSameWhenOnlyItIsBuilt() {
        for (String program : new String[] {"pgha", "patronictl"}) {
            for (Class<?> type : PghaCommand.SUBCOMMANDS) {
                Command command = type.getAnnotation(Command.class);
                if (!command.mixinStandardHelpOptions()) {
                    continue;
                }
                StringWriter full = new StringWriter();
                new CommandLineFactory(Program.of(program), new PrintWriter(full), new PrintWriter(new StringWriter()),
                        Map.of()).create().execute(command.name(), "--help");
                CliRun alone = CliRun.run(program, Map.of(), command.name(), "--help");
                assertEquals(0, alone.exitCode(), alone.toString());
                assertEquals(full.toString(), alone.out(), program + " " + command.name() + " --help");
                for (String alias : command.aliases()) {
                    assertEquals(full.toString(), CliRun.run(program, Map.of(), alias, "--help").out(),
                            program + " " + alias + " --help");
                }
            }
        }
    }

    @Test
    void hiddenCommandsStayOutOfTheHelp() {
        String usage = CliRun.pgha("--help").out();
        for (Class<?> type : PghaCommand.SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            String listed = "  " + command.name() + " ";
            assertEquals(!command.hidden(), usage.contains(listed), command.name() + " in:\n" + usage);
        }
        assertFalse(usage.contains("__complete"), usage);
        assertTrue(usage.contains("  list "), usage);
    }
}
