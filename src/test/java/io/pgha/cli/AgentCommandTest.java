package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pgha agent}: its place among the commands, and that the rest of the CLI never needs the agent's libraries. */
class AgentCommandTest {
    private static final Pattern AGENT_ONLY = Pattern.compile("jetcd|grpc|netty|vertx|protobuf|failsafe");
    private static final String CONFIG = io.pgha.testing.SampleConfigs.AGENT;

    @Test
    void helpListsTheAgentCommand() {
        CliRun run = CliRun.pgha("--help");
        assertTrue(run.out().contains("agent"), run.out());
        CliRun agentHelp = CliRun.pgha("agent", "--help");
        assertEquals(0, agentHelp.exitCode(), agentHelp.toString());
        assertTrue(agentHelp.out().contains("--validate-config"), agentHelp.out());
    }

    @Test
    void validateConfigIsSilentForAGoodFileAndNamesTheProblemOfABadOne(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.yml"), CONFIG);
        CliRun ok = CliRun.pgha("agent", "--validate-config", good.toString());
        assertEquals(0, ok.exitCode(), ok.toString());
        assertEquals("", ok.out() + ok.err());

        Path bad = Files.writeString(dir.resolve("bad.yml"), CONFIG.replace("  listen: 0.0.0.0:5432\n", ""));
        CliRun failed = CliRun.pgha("agent", "--validate-config", "-c", bad.toString());
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.err().matches("config error: .*postgresql.*listen.*\\R"), failed.err());
    }

    @Test
    void aMalformedFileIsRefusedWithItsLineAndColumnBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("patroni.yml"), CONFIG + "watchdog:\n  mode: [automatic\n");
        for (String[] args : List.of(new String[] {"agent", "--validate-config", broken.toString()},
                new String[] {"agent", broken.toString()})) {
            CliRun run = CliRun.pgha(args);
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().startsWith("config error: " + broken + ":"), run.err());
            assertTrue(run.err().matches("(?s)config error: [^:]+:\\d+:\\d+: .*"), "file:line:column: " + run.err());
        }
    }

    @Test
    void restApiSecuritySettingsAreChecked(@TempDir Path dir) throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yml"), CONFIG.replace("restapi:\n",
                "restapi:\n  verify_client: requried\n"));
        CliRun wrongMode = CliRun.pgha("agent", "--validate-config", typo.toString());
        assertEquals(1, wrongMode.exitCode(), wrongMode.toString());
        assertTrue(wrongMode.err().contains("restapi.verify_client: expected none, optional or required"), wrongMode.err());

        Path missing = Files.writeString(dir.resolve("missing.yml"), CONFIG.replace("restapi:\n",
                "restapi:\n  certfile: " + dir.resolve("nope.pem") + "\n"));
        CliRun noCert = CliRun.pgha("agent", "--validate-config", missing.toString());
        assertEquals(1, noCert.exitCode(), noCert.toString());
        assertEquals("config error: cannot read restapi.certfile " + dir.resolve("nope.pem") + ": NoSuchFileException\n",
                noCert.err());
    }

    @Test
    void theConfigurationIsGivenOnce(@TempDir Path dir) {
        CliRun run = CliRun.pgha("agent", "-c", dir.resolve("a.yml").toString(), dir.resolve("b.yml").toString());
        assertEquals(2, run.exitCode(), run.toString());
    }

    @Test
    void commandsAndTheAgentsConfigurationCheckRunWithoutJetcdGrpcOrNetty(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("good.yml"), CONFIG);
        URL[] withoutAgentLibraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !AGENT_ONLY.matcher(entry).find())
                .map(AgentCommandTest::url)
                .toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(withoutAgentLibraries, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("io.etcd.jetcd.Client"));
            var run = loader.loadClass(Main.class.getName()).getMethod("run", String.class, PrintWriter.class,
                    PrintWriter.class, Map.class, String[].class);
            for (String[] args : new String[][] {{"--help"}, {"agent", "--help"}, {"agent", "--validate-config", good.toString()}}) {
                StringWriter err = new StringWriter();
                Object code = run.invoke(null, "pgha", new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true), Map.of("HOME", "/nonexistent-pgha-test-home"), args);
                assertEquals(0, code, String.join(" ", args) + ": " + err);
            }
        }
    }

    private static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
