package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dist/bin/pgha, run as a user would after {@code mvn package}, on JDK 17 and JDK 25: the JVM is the
 * launched process itself, and CLI commands start from a class-data-sharing archive built on the first
 * run, silently.
 */
class LauncherIT {
    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path LAUNCHER = PROJECT.resolve("dist/bin/pgha");
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    // Launcher options the JVM honours before the program runs: its system properties and, through a
    // log line decorated with the pid, which process the JVM is.
    private static final String DIAGNOSTICS = "-XshowSettings:properties -Xlog:gc:stderr:pid";
    private static final Pattern JVM_PID = Pattern.compile("^\\[(\\d+)\\]", Pattern.MULTILINE);

    /** One run of the launcher: the pid of the process started and what it printed. */
    private record Launch(long pid, CommandResult result) {
        String property(String name) {
            Matcher m = Pattern.compile("^\\s+" + Pattern.quote(name) + " = (.*)$", Pattern.MULTILINE)
                    .matcher(result.stderr());
            return m.find() ? m.group(1).trim() : "(not printed)";
        }

        long jvmPid() {
            Matcher m = JVM_PID.matcher(result.stderr());
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    private static Launch launch(Path executable, Path javaHome, boolean diagnostics) throws IOException {
        return launch(executable, javaHome, diagnostics ? DIAGNOSTICS : null, null, "--version");
    }

    /**
     * Runs the launcher with {@code jdkJavaOptions} (null: none) and the archive cache in {@code cache}
     * (null: the user's own).
     */
    private static Launch launch(Path executable, Path javaHome, String jdkJavaOptions, Path cache, String... args)
            throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
        builder.environment().remove("PGHA_JAVA_OPTS");
        builder.environment().remove("PGHA_CDS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (cache != null) {
            builder.environment().put("XDG_CACHE_HOME", cache.toString());
        }
        if (javaHome == null) {
            builder.environment().remove("JAVA_HOME");
        } else {
            builder.environment().put("JAVA_HOME", javaHome.toString());
        }
        if (jdkJavaOptions != null) {
            builder.environment().put("JDK_JAVA_OPTIONS", jdkJavaOptions);
        } else {
            builder.environment().remove("JDK_JAVA_OPTIONS");
        }
        Process process = builder.start();
        return new Launch(process.pid(), Commands.await(process, command, Duration.ofSeconds(120)));
    }

    private static void assertPlainRunNamesPgha(Path javaHome) throws IOException {
        Launch plain = launch(LAUNCHER, javaHome, false);
        assertEquals(0, plain.result().exitCode(), plain.result().describe());
        assertTrue(plain.result().stdout().startsWith("pgha "), plain.result().describe());
        assertEquals("", plain.result().stderr(), "nothing on stderr");
    }

    private static void assertJvm(Launch launch, String javaVersion, String invokedAs) {
        String details = launch.result().describe();
        assertEquals(0, launch.result().exitCode(), details);
        assertEquals(javaVersion, launch.property("java.specification.version"), details);
        assertEquals(invokedAs, launch.property("pgha.invokedAs"), details);
        assertEquals(launch.pid(), launch.jvmPid(), "the launcher execs java, so the JVM has the launcher's pid\n" + details);
    }

    @Test
    void runsOnTheDefaultJdk17AsTheLaunchedProcessItself() throws IOException {
        assertTrue(Files.isRegularFile(PROJECT.resolve("target/pgha.jar")), "package ran before the ITs");
        assertPlainRunNamesPgha(null);
        assertJvm(launch(LAUNCHER, null, true), "17", "pgha");
    }

    @Test
    void runsOnJdk25() throws IOException {
        assertTrue(Files.isExecutable(JDK25.resolve("bin/java")),
                JDK25 + "/bin/java is missing: the launcher must be checked on JDK 25 (machines of this kind ship it there)");
        assertPlainRunNamesPgha(JDK25);
        assertJvm(launch(LAUNCHER, JDK25, true), "25", "pgha");
    }

    /** The archives in the cache directory {@code cache}, by file name. */
    private static List<Path> archives(Path cache) throws IOException {
        Path dir = cache.resolve("pgha");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot")).sorted().toList();
        }
    }

    /** Where the classes of {@code launch}'s JVM came from, by class name (-Xlog:class+load on stdout). */
    private static String source(Launch launch, String className) {
        Matcher m = Pattern.compile("\\[class,load\\s*] " + Pattern.quote(className) + " source: (.*)$", Pattern.MULTILINE)
                .matcher(launch.result().stdout());
        return m.find() ? m.group(1).trim() : "(not loaded)";
    }

    private static void assertArchiveBuiltOnceAndUsed(Path javaHome, Path cache, String archivedClass) throws IOException {
        Launch first = launch(LAUNCHER, javaHome, null, cache, "--version");
        assertEquals(0, first.result().exitCode(), first.result().describe());
        assertTrue(first.result().stdout().startsWith("pgha "), first.result().describe());
        assertEquals("", first.result().stderr(), "building the archive prints nothing");
        List<Path> built = archives(cache);
        assertEquals(1, built.size(), "one archive for this jar and JDK: " + built);
        FileTime builtAt = Files.getLastModifiedTime(built.get(0));

        Launch second = launch(LAUNCHER, javaHome, null, cache, "--help");
        assertEquals(0, second.result().exitCode(), second.result().describe());
        assertEquals("", second.result().stderr(), "using the archive prints nothing");
        Launch logged = launch(LAUNCHER, javaHome, "-Xlog:class+load", cache, "--version");
        assertEquals("shared objects file", source(logged, "io.pgha.cli.Main"), logged.result().describe());
        assertEquals("shared objects file", source(logged, archivedClass), "archived: " + archivedClass);
        assertEquals(built, archives(cache), "the archive is reused, not rebuilt");
        assertEquals(builtAt, Files.getLastModifiedTime(built.get(0)), "the archive is reused, not rewritten");
    }

    @Test
    void jdk17BuildsTheArchiveOnTheFirstRunAndStartsFromItAfterwards(@TempDir Path cache) throws IOException {
        // a static archive on JDK 17: it also holds picocli, whose Java 5 class files a dynamic one cannot
        assertArchiveBuiltOnceAndUsed(null, cache, "picocli.CommandLine");
        assertTrue(archives(cache).get(0).getFileName().toString().endsWith(".jsa"), archives(cache).toString());
    }

    @Test
    void jdk25BuildsAnAotCacheOnTheFirstRunAndStartsFromItAfterwards(@TempDir Path cache) throws IOException {
        assertArchiveBuiltOnceAndUsed(JDK25, cache, "io.pgha.cli.CommandLineFactory");
        assertTrue(archives(cache).get(0).getFileName().toString().endsWith(".aot"), archives(cache).toString());
    }

    @Test
    void anArchiveOfAnotherBuildIsReplacedWithoutAWord(@TempDir Path cache) throws IOException {
        assertEquals(0, launch(LAUNCHER, null, null, cache, "--version").result().exitCode());
        Path current = archives(cache).get(0);
        // what a previous pgha build left behind, and a current archive the JVM cannot use (another JDK's)
        String name = current.getFileName().toString();
        Path previous = current.resolveSibling(name.substring(0, name.lastIndexOf('@') + 1) + "1-1.jsa");
        Files.move(current, previous);
        Launch rebuilt = launch(LAUNCHER, null, null, cache, "--version");
        assertEquals(0, rebuilt.result().exitCode(), rebuilt.result().describe());
        assertEquals("", rebuilt.result().stderr());
        assertEquals(List.of(current), archives(cache), "the previous build's archive is gone");

        for (Path javaHome : new Path[] {null, JDK25}) {
            Path other = Files.createDirectories(cache.resolve(javaHome == null ? "17" : "25"));
            assertEquals(0, launch(LAUNCHER, javaHome, null, other, "--version").result().exitCode());
            Path archive = archives(other).get(0);
            Files.delete(archive); // the JVM writes it read-only
            Files.write(archive, new byte[4096]);
            Launch unusable = launch(LAUNCHER, javaHome, null, other, "--version");
            assertEquals(0, unusable.result().exitCode(), unusable.result().describe());
            assertTrue(unusable.result().stdout().startsWith("pgha "), unusable.result().describe());
            assertEquals("", unusable.result().stderr(), "an unusable archive is skipped without a word");
        }
    }

    @Test
    void withoutAWritableCacheTheCliRunsAsBeforeAndSaysNothing(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("cache"), "");
        for (Path javaHome : new Path[] {null, JDK25}) {
            Launch run = launch(LAUNCHER, javaHome, null, notADirectory, "--version");
            assertEquals(0, run.result().exitCode(), run.result().describe());
            assertTrue(run.result().stdout().startsWith("pgha "), run.result().describe());
            assertEquals("", run.result().stderr(), run.result().describe());
        }
    }

    @Test
    void theAgentNeitherBuildsNorUsesTheArchive(@TempDir Path cache) throws IOException {
        Launch agent = launch(LAUNCHER, null, null, cache, "agent", "--help");
        assertEquals(List.of(), archives(cache), agent.result().describe());
        assertFalse(Files.exists(cache.resolve("pgha")), "no cache directory for the agent");
    }

    @Test
    void anAgentStartedUnderNohupStillReloadsOnSighup(@TempDir Path dir) throws Exception {
        // an agent waiting for an unreachable etcd: enough to have installed its signal handlers
        Path config = Files.writeString(dir.resolve("patroni.yml"), String.join("\n",
                "scope: hup", "name: n1",
                "restapi: {listen: 127.0.0.1:" + io.pgha.testing.FreePorts.next() + ", connect_address: 127.0.0.1:1}",
                "etcd3: {hosts: 127.0.0.1:1}",
                "postgresql:", "  listen: 127.0.0.1:1", "  data_dir: " + dir.resolve("data"),
                "  bin_dir: /usr/lib/postgresql/15/bin", "  authentication:",
                "    superuser: {username: postgres, password: x}", "    replication: {username: rep, password: y}", ""));
        Process agent = new ProcessBuilder("nohup", LAUNCHER.toString(), "agent", "-c", config.toString())
                .redirectOutput(dir.resolve("out.log").toFile()).redirectError(dir.resolve("err.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long caught = 0;
            while (System.nanoTime() < deadline && (caught & 1) == 0 && agent.isAlive()) {
                caught = signalMask(agent.pid(), "SigCgt");
                Thread.sleep(200);
            }
            assertTrue((caught & 1) == 1, "SIGHUP (ignored by nohup) is handled by the agent's JVM; SigCgt "
                    + Long.toHexString(caught) + ", stderr: " + Files.readString(dir.resolve("err.log")));
        } finally {
            agent.destroyForcibly().waitFor();
        }
    }

    private static long signalMask(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseUnsignedLong(line.substring(field.length() + 1).trim(), 16);
            }
        }
        return 0;
    }

    @Test
    void aLinkNamedPatronictlRunsThePghaJvmAsPatronictl(@TempDir Path dir) throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("patronictl"), LAUNCHER);
        assertJvm(launch(link, null, true), "17", "patronictl");
    }

    @Test
    void aChainOfRelativeLinksStillFindsTheJar(@TempDir Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path middle = Files.createSymbolicLink(dir.resolve("pgha-link"), dir.relativize(LAUNCHER));
        Path link = Files.createSymbolicLink(bin.resolve("patronictl"), Path.of("..", middle.getFileName().toString()));
        assertJvm(launch(link, null, true), "17", "patronictl");
    }
}
