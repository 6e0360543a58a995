package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.testing.CaptureLoader;
import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.EtcdFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a CLI command loads, seen from the JVM dist/bin/pgha starts: never jetcd, gRPC, Netty or Vert.x
 * (the agent's etcd client, a second of start-up), nor jackson-databind (a third of a second).
 */
class CliClassLoadingIT {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path LAUNCHER = PROJECT.resolve("dist/bin/pgha");
    private static final List<String> FORBIDDEN = List.of("io.etcd.", "io.grpc.", "io.netty.", "io.vertx.",
            "com.fasterxml.jackson.databind.");
    private static final Pattern LOADED = Pattern.compile("^\\[[^]]*]\\[info\\s*]\\[class,load\\s*] (\\S+) ", Pattern.MULTILINE);

    private static EtcdFixture etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdFixture.startSingle();
        try (EtcdGatewayDcs dcs = new EtcdGatewayDcs(etcd.settings())) {
            CaptureLoader.load(dcs, CaptureLoader.capture("healthy"));
        }
    }

    @AfterAll
    static void stopEtcd() {
        etcd.close();
    }

    /** Runs the launcher with a class-load log in {@code dir}; returns the result and the classes loaded. */
    private static Map.Entry<CommandResult, Set<String>> run(Path dir, String... args) throws IOException {
        Path log = dir.resolve("classes.log");
        Files.deleteIfExists(log);
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString(),
                "-d", "etcd3://127.0.0.1:" + etcd.members().get(0).clientPort()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        env.put("JDK_JAVA_OPTIONS", null);
        env.put("JAVA_TOOL_OPTIONS", null);
        env.put("PGHA_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:class+load=info:file=" + log);
        CommandResult result = Commands.run(command, Duration.ofSeconds(120), PROJECT, env);
        Set<String> classes = new TreeSet<>();
        Matcher m = LOADED.matcher(Files.exists(log) ? Files.readString(log) : "");
        while (m.find()) {
            classes.add(m.group(1));
        }
        return Map.entry(result, classes);
    }

    private static void assertNoAgentOrDatabindClass(Set<String> classes, String what) {
        List<String> forbidden = classes.stream().filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)).toList();
        assertEquals(List.of(), forbidden, what + " must not load these classes");
    }

    @Test
    void listLoadsNeitherTheAgentsEtcdClientNorJacksonDatabind(@TempDir Path dir) throws IOException {
        var run = run(dir, "list", "demo");
        CommandResult result = run.getKey();
        assertEquals(0, result.exitCode(), result.describe());
        assertTrue(result.stdout().contains("| node1  | 127.0.0.1:5532 | Leader  | running |"), result.describe());
        assertEquals("", result.stderr(), result.describe());
        assertTrue(run.getValue().contains("io.pgha.dcs.EtcdGatewayDcs") && run.getValue().contains("okhttp3.OkHttpClient"),
                "the class-load log is the one of the JVM that ran the command: " + run.getValue().size() + " classes");
        assertNoAgentOrDatabindClass(run.getValue(), "pgha list");
    }

    @Test
    void otherCommandsAndFormatsLoadThemNeither(@TempDir Path dir) throws IOException {
        for (String[] args : new String[][] {{"list", "-f", "json", "demo"}, {"list", "-f", "yaml", "demo"},
                {"topology", "demo"}, {"history", "demo"}, {"show-config", "demo"}, {"dsn", "demo"}, {"version", "demo"}}) {
            var run = run(dir, args);
            String what = "pgha " + String.join(" ", args);
            assertEquals(0, run.getKey().exitCode(), what + ": " + run.getKey().describe());
            assertTrue(run.getValue().contains("io.pgha.cli.Main"), what + ": no class-load log");
            assertNoAgentOrDatabindClass(run.getValue(), what);
        }
    }
}
