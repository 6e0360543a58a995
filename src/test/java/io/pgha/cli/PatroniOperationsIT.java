package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.cli.prompt.Prompter;
import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.PatroniClusterFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgha's operation commands drive a real Patroni 3.0.2 cluster through its REST API, and ask what Debian's
 * patronictl 3.0.2 asks, word for word.
 */
class PatroniOperationsIT implements HandoverScenarios, MaintenanceScenarios {
    private static PatroniClusterFixture cluster;

    @BeforeAll
    static void startPatroni() {
        cluster = PatroniClusterFixture.builder("ops").nodes(3).timing(10, 2, 3).start();
        cluster.awaitHealthy(HEALTHY);
    }

    @AfterAll
    static void stopPatroni() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public String configFile() {
        return cluster.configFile(1).toString();
    }

    @Override
    public List<String> memberNames() {
        return cluster.nodes().stream().map(PatroniClusterFixture.Node::name).toList();
    }

    private static PatroniClusterFixture.Node node(String name) {
        return cluster.node(Integer.parseInt(name.substring("node".length())));
    }

    @Override
    public OptionalLong postmasterPid(String member) {
        return node(member).postmasterPid();
    }

    @Override
    public URI restUrl(String member) {
        return node(member).restUrl();
    }

    @Override
    public String logTails() {
        return cluster.logTails(20);
    }

    @Override
    public void awaitHealthy() {
        cluster.awaitHealthy(HEALTHY);
    }

    /** Answers like piped input to patronictl: the prompt is printed, the answer is not echoed. */
    private static final class Piped implements Prompter {
        private final Deque<String> answers;
        private final PrintWriter out;

        Piped(List<String> answers, PrintWriter out) {
            this.answers = new ArrayDeque<>(answers);
            this.out = out;
        }

        @Override
        public String ask(String prompt, String defaultValue, String flag) {
            out.print(prompt);
            String answer = next();
            return answer.isEmpty() ? defaultValue : answer;
        }

        @Override
        public boolean confirm(String question, String flag) {
            out.print(question + " [y/N]: ");
            return next().equals("y");
        }

        @Override
        public String secret(String prompt, String flag) {
            return ask(prompt, "", flag);
        }

        private String next() {
            if (answers.isEmpty()) {
                throw new io.pgha.cli.prompt.PromptAborted();
            }
            return answers.removeFirst();
        }
    }

    /** What follows the table, with the "e.g." time of the prompts blanked (the two runs may straddle a minute). */
    private static String afterTable(String out) {
        int end = out.lastIndexOf("+\n");
        return out.substring(end < 0 ? 0 : end + 2).replaceAll("\\(e\\.g\\. \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d", "(e.g. T");
    }

    private void samePromptsAsPatronictl(List<String> answers, String... args) {
        String input = answers.isEmpty() ? "" : String.join("\n", answers) + "\n";
        List<String> shell = new ArrayList<>(List.of("sh", "-c", "printf '" + input.replace("\n", "\\n") + "' | "
                + PatroniClusterFixture.PATRONICTL + " -c " + configFile() + " " + String.join(" ", args)));
        CommandResult real = Commands.run(shell, Duration.ofSeconds(60));

        List<String> all = new ArrayList<>(List.of("-c", configFile(), "--compat", "3.0"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        int code = Main.run("patronictl", outWriter, new PrintWriter(err, true),
                Map.of("HOME", "/nonexistent-pgha-test-home"), new Piped(answers, outWriter), all.toArray(String[]::new));

        String context = real.describe() + "\n=== pgha: exit " + code + "\n" + out + "--- stderr\n" + err;
        assertEquals(afterTable(real.stdout()), afterTable(out.toString()), context);
        assertEquals(real.stderr(), err.toString(), context);
        assertEquals(real.exitCode(), code, context);
    }

    @Test
    void switchoverAsksWhatPatronictl302AsksAndAbortsAlike() throws Exception {
        samePromptsAsPatronictl(List.of("", aReplica(leader()), "", "n"), "switchover", "ops");
        samePromptsAsPatronictl(List.of("", "node9"), "switchover", "ops");
        samePromptsAsPatronictl(List.of(), "failover", "ops", "--candidate", leader(), "--force");
    }

    @Test
    void restartReloadReinitAndFlushAskWhatPatronictl302Asks() throws Exception {
        String replica = aReplica(leader());
        samePromptsAsPatronictl(List.of("", "n"), "restart", "ops", replica);
        samePromptsAsPatronictl(List.of("2099-01-01T00:00+00:00", "n"), "restart", "ops", replica);
        samePromptsAsPatronictl(List.of("n"), "reload", "ops", replica);
        samePromptsAsPatronictl(List.of("n"), "reinit", "ops", replica);
        samePromptsAsPatronictl(List.of("n"), "flush", "ops", replica, "restart");
        samePromptsAsPatronictl(List.of(), "restart", "ops", leader(), "-r", "replica");
        samePromptsAsPatronictl(List.of(), "resume", "ops");
        samePromptsAsPatronictl(List.of(), "flush", "ops", "switchover");
    }
}
