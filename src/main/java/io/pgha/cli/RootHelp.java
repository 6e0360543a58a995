package io.pgha.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The top-level help. It lists every subcommand of {@link PghaCommand#SUBCOMMANDS} from its outline,
 * whichever of them the command line built: a command line builds only the subcommands it names,
 * since each one built costs a cold start milliseconds (picocli gives every command its own parser).
 */
final class RootHelp extends Help {
    private RootHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    @Override
    protected Ansi.Text createDetailedSynopsisCommandText() {
        return ansi().new Text(0).concat(" ").concat(commandSpec().usageMessage().synopsisSubcommandLabel());
    }

    @Override
    public String commandListHeading(Object... params) {
        return createHeading(commandSpec().usageMessage().commandListHeading(), params);
    }

    @Override
    public String commandList() {
        Map<String, Help> visible = new LinkedHashMap<>();
        for (Class<?> type : PghaCommand.SUBCOMMANDS) {
            CommandSpec outline = CommandLineFactory.outline(type);
            if (!outline.usageMessage().hidden()) {
                StringBuilder names = new StringBuilder(outline.name());
                for (String alias : outline.aliases()) {
                    names.append(", ").append(alias);
                }
                visible.put(names.toString(), new Help(outline, colorScheme()));
            }
        }
        return commandList(visible);
    }

    /**
     * Gives the top-level command a {@link RootHelp}, its subcommands picocli's own. A class, not a
     * lambda: picocli's interfaces are Java 5 class files, and lambdas implementing those cannot be kept
     * in a class-data-sharing archive.
     */
    static final class Factory implements CommandLine.IHelpFactory {
        @Override
        public Help create(CommandSpec spec, ColorScheme colorScheme) {
            return spec.userObject() instanceof PghaCommand ? new RootHelp(spec, colorScheme) : new Help(spec, colorScheme);
        }
    }
}
