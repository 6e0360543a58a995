package io.pgha.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import io.pgha.cli.prompt.ScriptedPrompter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs one pgha command line in-process and captures what a user would see. */
record CliRun(int exitCode, String out, String err) {

    static CliRun pgha(String... args) {
        return run("pgha", Map.of(), args);
    }

    static CliRun patronictl(String... args) {
        return run("patronictl", Map.of(), args);
    }

    /** As {@link #run(String, Map, String...)}, answering the command's questions with {@code answers} in order. */
    static CliRun answering(List<String> answers, Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("HOME", "/nonexistent-pgha-test-home");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        int code = Main.run("pgha", outWriter, new PrintWriter(err, true), environment,
                new ScriptedPrompter(answers, outWriter), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** HOME points nowhere, so a developer's own patronictl.yaml never leaks into a test. */
    static CliRun run(String program, Map<String, String> env, String... args) {
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("HOME", "/nonexistent-pgha-test-home");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(program, new PrintWriter(out, true), new PrintWriter(err, true), environment, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
