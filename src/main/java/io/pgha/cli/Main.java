package io.pgha.cli;

import io.pgha.cli.prompt.Prompter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point of the pgha binary. {@link #run} runs a command in-process, which is how tests call it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        prepareJvm();
        String invokedAs = System.getProperty("pgha.invokedAs", "pgha");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        TerminalProbe.stdoutIsProcessStdout = true;
        int code = run(invokedAs, out, err, System.getenv(), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Types whose built-in picocli converters pgha switches off (regular expressions, comma-separated):
     * no option takes one, and picocli would look each up reflectively on every start.
     */
    static final String UNUSED_CONVERTERS = "java\\.sql\\..*,java\\.time\\..*";

    /** JVM-wide settings of the pgha process, before the first picocli class is used. */
    static void prepareJvm() {
        // else picocli looks for Groovy on every start, a walk through every jar of the class path
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", UNUSED_CONVERTERS);
    }

    /**
     * Runs one command line and returns its exit code (see {@link ExitCode}).
     *
     * @param invokedAs the program name; "patronictl" makes pgha present itself as patronictl
     */
    public static int run(String invokedAs, PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        return run(invokedAs, out, err, env, null, args);
    }

    /** As {@link #run(String, PrintWriter, PrintWriter, Map, String...)}, with the given answers to any question. */
    public static int run(String invokedAs, PrintWriter out, PrintWriter err, Map<String, String> env,
                          Prompter prompter, String... args) {
        return new CommandLineFactory(Program.of(invokedAs), out, err, env, prompter).createFor(args).execute(args);
    }
}
