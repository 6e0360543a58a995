package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.cli.prompt.PromptAborted;
import io.pgha.cli.prompt.Prompter;
import io.pgha.config.ConfigException;
import io.pgha.dcs.DcsException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Builds the picocli command line with pgha's streams, program name and the mapping of errors to exit codes. */
final class CommandLineFactory {
    private final Program program;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final Prompter prompter;

    CommandLineFactory(Program program, PrintWriter out, PrintWriter err, Map<String, String> env) {
        this(program, out, err, env, null);
    }

    /** @param prompter who answers questions; null for this process's terminal (see {@link Prompter#forThisProcess}) */
    CommandLineFactory(Program program, PrintWriter out, PrintWriter err, Map<String, String> env, Prompter prompter) {
        this.program = program;
        this.out = out;
        this.err = err;
        this.env = env;
        this.prompter = prompter;
    }

    /** The whole command tree, every subcommand with its options. */
    CommandLine create() {
        return create(name -> true);
    }

    /**
     * The command tree for running {@code args}: only the subcommands the arguments name are built,
     * because each picocli command costs a cold start milliseconds. The top-level help lists them all
     * regardless (see {@link RootHelp}).
     */
    CommandLine createFor(String... args) {
        return create(Arrays.asList(args)::contains);
    }

    private CommandLine create(Predicate<String> named) {
        PghaCommand root = new PghaCommand();
        CliContext context = new CliContext(program, out, err, env, prompter);
        root.attach(context);
        CommandLine commandLine = new CommandLine(root);
        for (Class<?> type : PghaCommand.SUBCOMMANDS) {
            if (isNamed(type.getAnnotation(Command.class), named)) {
                commandLine.addSubcommand(type);
            }
        }
        commandLine.getCommandSpec().usageMessage().helpFactory(new RootHelp.Factory());
        commandLine.setCommandName(program.name());
        commandLine.setOut(out);
        commandLine.setErr(err);
        Handlers handlers = new Handlers(context);
        commandLine.setExecutionStrategy(handlers);
        commandLine.setExecutionExceptionHandler(handlers);
        commandLine.setParameterExceptionHandler(handlers);
        return commandLine;
    }

    /**
     * Runs the command, closes the context and maps errors to exit codes. A class rather than lambdas:
     * picocli's interfaces are Java 5 class files, so lambdas implementing them could not be archived
     * and would be generated anew on every start.
     */
    private static final class Handlers implements CommandLine.IExecutionStrategy,
            CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
        private final CliContext context;

        Handlers(CliContext context) {
            this.context = context;
        }

        @Override
        public int execute(CommandLine.ParseResult parseResult) {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                context.close();
            }
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            return handle(e, context);
        }

        @Override
        public int handleParseException(ParameterException e, String[] args) {
            return usageError(e, args);
        }
    }

    private static boolean isNamed(Command command, Predicate<String> named) {
        if (named.test(command.name())) {
            return true;
        }
        for (String alias : command.aliases()) {
            if (named.test(alias)) {
                return true;
            }
        }
        return false;
    }

    /** What the top-level help shows of a subcommand, read from its annotation without building its model. */
    static CommandSpec outline(Class<?> type) {
        Command command = type.getAnnotation(Command.class);
        CommandSpec spec = CommandSpec.create().name(command.name()).aliases(command.aliases());
        spec.usageMessage().header(command.header()).description(command.description()).hidden(command.hidden());
        return spec;
    }

    private static int handle(Exception e, CliContext context) {
        PrintWriter err = context.err();
        if (e instanceof PromptAborted) {
            err.println(e.getMessage());
            return ExitCode.ERROR;
        }
        if (e instanceof CliException cli) {
            err.println("Error: " + cli.getMessage());
            return cli.exitCode();
        }
        if (e instanceof ConfigException) {
            err.println("Error: " + e.getMessage());
            return ExitCode.ERROR;
        }
        if (e instanceof DcsException || e instanceof NodeException) {
            err.println("Error: " + e.getMessage());
            return ExitCode.ERROR;
        }
        err.println("Error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                + (context.verbose() ? "" : " (run with --verbose for the stack trace)"));
        if (context.verbose()) {
            e.printStackTrace(err);
        }
        return ExitCode.ERROR;
    }

    /** As click does: the usage line, then {@code Error: ...}, exit 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        boolean hasCommands = cmd.getCommandSpec().userObject() instanceof PghaCommand || !cmd.getSubcommands().isEmpty();
        err.println("Usage: " + cmd.getCommandSpec().qualifiedName() + " [OPTIONS]" + (hasCommands ? " COMMAND [ARGS]..." : ""));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for help.");
        err.println();
        err.println("Error: " + e.getMessage());
        return ExitCode.USAGE;
    }
}
