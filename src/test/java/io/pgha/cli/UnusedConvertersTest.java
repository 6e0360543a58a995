package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/**
 * pgha switches off picocli's converters of {@link Main#UNUSED_CONVERTERS}; an option of such a type
 * would fail to parse in the pgha binary only, so no command may have one.
 */
class UnusedConvertersTest {

    @Test
    void noOptionOrParameterOfAnyCommandHasATypeWhoseConverterIsSwitchedOff() {
        List<ArgSpec> args = new ArrayList<>();
        collect(PghaCommand.tree(), args);
        assertTrue(args.size() > 10, "the tree's options were found: " + args.size());
        for (ArgSpec arg : args) {
            List<Class<?>> types = new ArrayList<>(List.of(arg.auxiliaryTypes()));
            types.add(arg.type());
            for (Class<?> type : types) {
                for (String regex : Main.UNUSED_CONVERTERS.split(",")) {
                    assertFalse(type.getName().matches(regex), arg + " of " + arg.command().qualifiedName()
                            + " is a " + type.getName() + ", whose converter Main.UNUSED_CONVERTERS switches off");
                }
            }
        }
    }

    private static void collect(CommandLine commandLine, List<ArgSpec> into) {
        into.addAll(commandLine.getCommandSpec().args());
        commandLine.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
