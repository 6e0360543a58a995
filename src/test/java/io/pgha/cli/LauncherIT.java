package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dist/bin/pgha, run as a user would after {@code mvn package}, on JDK 17 and JDK 25. */
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
        List<String> command = List.of(executable.toString(), "--version");
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile());
        builder.environment().remove("PGHA_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (javaHome == null) {
            builder.environment().remove("JAVA_HOME");
        } else {
            builder.environment().put("JAVA_HOME", javaHome.toString());
        }
        if (diagnostics) {
            builder.environment().put("JDK_JAVA_OPTIONS", DIAGNOSTICS);
        } else {
            builder.environment().remove("JDK_JAVA_OPTIONS");
        }
        Process process = builder.start();
        return new Launch(process.pid(), Commands.await(process, command, Duration.ofSeconds(60)));
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
