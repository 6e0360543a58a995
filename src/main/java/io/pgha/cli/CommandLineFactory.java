package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.cli.prompt.PromptAborted;
import io.pgha.cli.prompt.Prompter;
import io.pgha.config.ConfigException;
import io.pgha.dcs.DcsException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
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

    CommandLine create() {
        PghaCommand root = new PghaCommand();
        CliContext context = new CliContext(program, out, err, env, prompter);
        root.attach(context);
        CommandLine commandLine = new CommandLine(root);
        commandLine.setCommandName(program.name());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                context.close();
            }
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> handle(e, context));
        commandLine.setParameterExceptionHandler(CommandLineFactory::usageError);
        return commandLine;
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
        err.println("Usage: " + cmd.getCommandSpec().qualifiedName() + " [OPTIONS]"
                + (cmd.getSubcommands().isEmpty() ? "" : " COMMAND [ARGS]..."));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for help.");
        err.println();
        err.println("Error: " + e.getMessage());
        return ExitCode.USAGE;
    }
}
