package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.prompt.Prompter;
import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.KeyValue;
import io.pgha.testing.CaptureLoader;
import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.EtcdFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** edit-config against real etcd holding the keys a Patroni 3.0.2 cluster wrote (capture "healthy"). */
class EditConfigIT {
    private static final String CONFIG = "/service/demo/config";
    private static final Path LAUNCHER = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().resolve("dist/bin/pgha");
    private static EtcdFixture etcd;
    private static Dcs dcs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdFixture.startSingle();
        dcs = new EtcdGatewayDcs(etcd.settings());
    }

    @AfterAll
    static void stopEtcd() {
        dcs.close();
        etcd.close();
    }

    @BeforeEach
    void loadCluster() {
        dcs.deletePrefix("/service/");
        CaptureLoader.load(dcs, CaptureLoader.capture("healthy"));
    }

    private static String[] withDcs(String... args) {
        List<String> full = new ArrayList<>(List.of("-d", "etcd3://127.0.0.1:" + etcd.members().get(0).clientPort()));
        full.addAll(List.of(args));
        return full.toArray(String[]::new);
    }

    private static CliRun pgha(String... args) {
        return CliRun.pgha(withDcs(args));
    }

    private static CliRun answering(List<String> answers, Map<String, String> env, String... args) {
        return CliRun.answering(answers, env, withDcs(args));
    }

    private static KeyValue config() {
        return dcs.get(CONFIG).orElseThrow();
    }

    @Test
    void setWithForceShowsTheDiffAndWritesCompactJson() {
        CliRun run = pgha("edit-config", "demo", "-s", "loop_wait=5", "-p", "work_mem=8MB", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("""
                ---\s
                +++\s
                @@ -1,4 +1,4 @@
                -loop_wait: 10
                +loop_wait: 5
                 maximum_lag_on_failover: 1048576
                 postgresql:
                   parameters:
                @@ -9,6 +9,7 @@
                     shared_buffers: 32MB
                     wal_level: replica
                     wal_log_hints: 'on'
                +    work_mem: 8MB
                   use_pg_rewind: true
                   use_slots: true
                 retry_timeout: 10
                Configuration changed
                """, run.out());
        assertEquals("", run.err());
        String stored = config().value();
        assertTrue(stored.startsWith("{\"ttl\":30,\"loop_wait\":5,") || stored.contains("\"loop_wait\":5"), stored);
        assertFalse(stored.contains(": "), "compact JSON, as Patroni 4 writes it: " + stored);
        assertTrue(stored.contains("\"work_mem\":\"8MB\""), stored);
        CliRun show = pgha("show-config", "demo");
        assertTrue(show.out().contains("loop_wait: 5\n") && show.out().contains("    work_mem: 8MB\n"), show.out());
    }

    @Test
    void anUnchangedConfigurationIsNotWritten() {
        long before = config().modRevision();
        CliRun run = pgha("edit-config", "demo", "-s", "loop_wait=10", "-p", "max_connections=50");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("Not changed\n", run.out());
        assertEquals(before, config().modRevision());
        assertEquals("", pgha("edit-config", "demo", "-q", "-s", "ttl=30").out());
    }

    @Test
    void theConfirmationDecidesAndNoAnswerWritesNothing() {
        long before = config().modRevision();
        CliRun no = answering(List.of("n"), Map.of(), "edit-config", "demo", "-s", "ttl=40");
        assertEquals(0, no.exitCode(), no.toString());
        assertTrue(no.out().endsWith("+ttl: 40\nApply these changes? [y/N]: n\n"), no.out());
        assertEquals(before, config().modRevision());

        CliRun yes = answering(List.of("y"), Map.of(), "edit-config", "demo", "-s", "ttl=40");
        assertEquals(0, yes.exitCode(), yes.toString());
        assertTrue(yes.out().endsWith("Apply these changes? [y/N]: y\nConfiguration changed\n"), yes.out());
        assertTrue(config().value().contains("\"ttl\":40"), config().value());
    }

    @Test
    void withoutATerminalTheQuestionIsAnErrorNamingForce() {
        long before = config().modRevision();
        CliRun run = pgha("edit-config", "demo", "-s", "ttl=40");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: standard input is not a terminal, so \"Apply these changes?\" cannot be asked: "
                + "pass --force\n", run.err());
        assertEquals(before, config().modRevision());
    }

    @Test
    void anInvalidResultIsRefusedWithTheReasonAndNothingIsWritten() {
        long before = config().modRevision();
        CliRun run = pgha("edit-config", "demo", "-s", "ttl=15", "-p", "max_connections=ten", "--force");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertEquals("Error: invalid configuration, nothing written: ttl 15 must be at least loop_wait + "
                + "2*retry_timeout = 10 + 2*10 = 30 (an isolated primary must stop writing before its leader key "
                + "expires); postgresql.parameters.max_connections: 'ten' is not an integer of at least 25 (Patroni "
                + "would start PostgreSQL with its default instead)\n", run.err());
        assertEquals(before, config().modRevision());
    }

    @Test
    void aProblemAlreadyStoredOnlyWarnsSoAnUnrelatedEditGoesThrough() {
        dcs.put(CONFIG, "{\"ttl\":30,\"loop_wait\":10,\"retry_timeout\":10,\"pause\":\"maybe\"}", 0);
        CliRun run = pgha("edit-config", "demo", "-s", "maximum_lag_on_failover=0", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("warning: pause: 'maybe' is not a boolean (on/off, true/false, yes/no, 1/0) (already so in the "
                + "stored configuration)\n", run.err());
        assertTrue(config().value().contains("\"maximum_lag_on_failover\":0"), config().value());
    }

    @Test
    void twoEditsFromTheSameReadTheSecondFailsAndTheFirstSurvives() {
        // edit A reads, shows its diff and asks; while it waits, edit B changes /config; then A is confirmed
        CliRun[] b = new CliRun[1];
        Prompter confirmAfterAnotherEdit = new Prompter() {
            @Override
            public String ask(String prompt, String defaultValue, String flag) {
                throw new AssertionError(prompt);
            }

            @Override
            public boolean confirm(String question, String flag) {
                b[0] = pgha("edit-config", "demo", "-s", "loop_wait=5", "--force");
                return true;
            }

            @Override
            public String secret(String prompt, String flag) {
                throw new AssertionError(prompt);
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(Map.of("HOME", "/nonexistent-pgha-test-home"));
        int code = Main.run("pgha", new PrintWriter(out, true), new PrintWriter(err, true), env,
                confirmAfterAnotherEdit, withDcs("edit-config", "demo", "-s", "ttl=60"));
        assertEquals(0, b[0].exitCode(), b[0].toString());
        assertEquals(1, code, out + "\n" + err);
        assertEquals("Error: Config modification aborted due to concurrent changes\n", err.toString());
        assertFalse(out.toString().contains("Configuration changed"), out.toString());
        String stored = config().value();
        assertTrue(stored.contains("\"loop_wait\":5") && stored.contains("\"ttl\":30"), stored);
    }

    @Test
    void theEditorEditsATemporaryCopyNamedAfterTheCluster() throws IOException {
        Path seen = dir.resolve("seen");
        Path editor = script("editor.sh", "basename \"$1\" > " + seen + "\nsed -i 's/^ttl: 30$/ttl: 45/' \"$1\"\n");
        CliRun run = answering(List.of("y"), Map.of("EDITOR", editor.toString()), "edit-config", "demo");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("-ttl: 30\n+ttl: 45\n"), run.out());
        assertTrue(Files.readString(seen).strip().matches("demo-config-[a-z0-9_]{8}\\.yaml"), Files.readString(seen));
        assertTrue(config().value().contains("\"ttl\":45"), config().value());
    }

    @Test
    void anEditorFailureIsReportedAndNothingIsWritten() throws IOException {
        long before = config().modRevision();
        Path editor = script("fail.sh", "exit 3\n");
        CliRun run = answering(List.of("y"), Map.of("EDITOR", editor.toString()), "edit-config", "demo");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: Editor exited with return code 3\n", run.err());
        assertEquals(before, config().modRevision());
    }

    @Test
    void withoutATerminalOrEditorTheErrorNamesTheOptions() {
        CliRun run = pgha("edit-config", "demo");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: standard input is not a terminal, so no editor can be opened: pass -s, -p, --apply or "
                + "--replace, or set EDITOR\n", run.err());
    }

    @Test
    void applyMergesAFileAndReplaceStartsFromIt() throws IOException {
        Path patch = Files.writeString(dir.resolve("patch.yaml"), "ttl: 60\npostgresql:\n  parameters:\n"
                + "    shared_buffers: ~\n");
        CliRun apply = pgha("edit-config", "demo", "--apply", patch.toString(), "--force", "-q");
        assertEquals(0, apply.exitCode(), apply.toString());
        assertEquals("Configuration changed\n", apply.out());
        String merged = config().value();
        assertTrue(merged.contains("\"ttl\":60") && !merged.contains("shared_buffers") && merged.contains("wal_level"),
                merged);

        Path whole = Files.writeString(dir.resolve("whole.yaml"), "ttl: 30\nloop_wait: 10\nretry_timeout: 10\n");
        CliRun replace = pgha("edit-config", "demo", "--replace", whole.toString(), "--force", "-q");
        assertEquals(0, replace.exitCode(), replace.toString());
        assertEquals("{\"ttl\":30,\"loop_wait\":10,\"retry_timeout\":10}", config().value());
    }

    @Test
    void patronictlsMessagesForAMissingKeyAndABadPair() {
        CliRun pair = pgha("edit-config", "demo", "-s", "loop_wait");
        assertEquals(1, pair.exitCode());
        assertEquals("Error: Invalid parameter setting loop_wait\n", pair.err());
        dcs.delete(CONFIG);
        CliRun missing = pgha("edit-config", "demo", "-s", "ttl=40", "--force");
        assertEquals(1, missing.exitCode());
        assertEquals("Error: The config key does not exist in the cluster demo\n", missing.err());
    }

    @Test
    void standardInputNeedsForceAsInPatronictl() throws Exception {
        Path patch = Files.writeString(dir.resolve("stdin.yaml"), "ttl: 50\n");
        long before = config().modRevision();
        CommandResult asked = launch(patch, "edit-config", "demo", "--apply", "-");
        assertEquals(0, asked.exitCode(), asked.describe());
        assertTrue(asked.stdout().endsWith("-ttl: 30\n+ttl: 50\nUse --force option to apply changes\n"), asked.stdout());
        assertEquals(before, config().modRevision());

        CommandResult forced = launch(patch, "edit-config", "demo", "--replace", "-", "--force", "-q");
        assertEquals(0, forced.exitCode(), forced.describe());
        assertEquals("Configuration changed\n", forced.stdout());
        assertEquals("{\"ttl\":50}", config().value());
    }

    /** dist/bin/pgha as a separate process, its standard input read from {@code input}. */
    private static CommandResult launch(Path input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(withDcs(args)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(input.toFile());
        builder.environment().put("HOME", "/nonexistent-pgha-test-home");
        Process process = builder.start();
        return Commands.await(process, command, Duration.ofSeconds(60));
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
