package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pgha.api.NodeClient;
import io.pgha.api.NodeResponse;
import io.pgha.api.RestClientSettings;
import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.EtcdFixture;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A three-node pgha cluster with every secret Patroni's configuration can hold (PostgreSQL superuser,
 * replication and rewind passwords, the REST API's basic-auth password and TLS key password, an etcd
 * password) runs through a switchover, a restart and a reload; none of the passwords may show up in a
 * process's command line or environment, a log, a REST body or a CLI output. The REST API is HTTPS with
 * {@code verify_client: optional} and basic auth, so the CLI's credentials are tested on the way: without
 * them switchover, restart, reload and config changes are refused.
 */
class SecretsIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ETCD_PASSWORD = "etcd-Secret-7f3a";
    private static final String REST_PASSWORD = "rest-Secret-91bc";
    private static final String REWIND_PASSWORD = "rewind-Secret-55de";
    private static final String KEY_PASSWORD = "tlskey-Secret-0a2e";
    private static final List<String> SECRETS = List.of(ETCD_PASSWORD, REST_PASSWORD, REWIND_PASSWORD, KEY_PASSWORD,
            PghaClusterFixture.SUPERUSER_PASSWORD, PghaClusterFixture.REPLICATION_PASSWORD);

    @Test
    void noPasswordLeaksAndTheCliNeedsItsCredentials() throws Exception {
        Path dir = Files.createTempDirectory("pgha-secrets-");
        TestCertificates certs = TestCertificates.authority(dir, "ca").server("server").client("ctl", "pgha-ctl");
        Path encryptedKey = certs.encryptedKey("server", KEY_PASSWORD);
        List<String> outputs = new ArrayList<>();
        try (EtcdFixture etcd = EtcdFixture.startSingle()) {
            etcd.enableAuth(ETCD_PASSWORD);
            Map<String, Object> restapi = new LinkedHashMap<>();
            restapi.put("authentication", Map.of("username", "patroni", "password", REST_PASSWORD));
            restapi.put("certfile", certs.pem("server").toString());
            restapi.put("keyfile", encryptedKey.toString());
            restapi.put("keyfile_password", KEY_PASSWORD);
            restapi.put("cafile", certs.ca().toString());
            restapi.put("verify_client", "optional");
            try (PghaClusterFixture cluster = PghaClusterFixture.builder("secrets").etcd(etcd)
                    .timing(20, 2, 5)
                    .restapi(restapi)
                    .etcd3(Map.of("username", "root", "password", ETCD_PASSWORD))
                    .authentication(Map.of("rewind", Map.of("username", "rewinder", "password", REWIND_PASSWORD)))
                    .start()) {
                PghaClusterFixture.Node leader = cluster.awaitHealthy(Duration.ofSeconds(120));
                Path full = ctlConfig(cluster, "full.yml", certs, true, true);
                Path noAuth = ctlConfig(cluster, "no-auth.yml", certs, false, true);
                Path noCert = ctlConfig(cluster, "no-cert.yml", certs, true, false);
                String other = cluster.nodes().stream().filter(n -> !n.name().equals(leader.name())).findFirst()
                        .orElseThrow().name();

                assertNoSecretInProcesses("a running cluster");

                // without credentials every change is refused, in one clear line and a failing exit status
                CommandResult refusedSwitchover = pgha(noAuth, "switchover", "--candidate", other, "--force");
                assertRefused(refusedSwitchover, "401");
                CommandResult refusedRestart = pgha(noCert, "restart", "secrets", other, "--force");
                assertRefused(refusedRestart, "client certificate required");
                CommandResult refusedReload = pgha(noAuth, "reload", "secrets", other, "--force");
                assertRefused(refusedReload, "401");
                outputs.addAll(List.of(refusedSwitchover.describe(), refusedRestart.describe(), refusedReload.describe()));
                URI config = URI.create("https://127.0.0.1:" + leader.restPort() + "/config");
                try (NodeClient anonymous = new NodeClient(new RestClientSettings(null, null, false, certs.ca(),
                        certs.pem("ctl"), certs.key("ctl"), Duration.ofSeconds(5)))) {
                    NodeResponse patch = anonymous.call("PATCH", config, "{\"loop_wait\": 3}");
                    assertEquals(401, patch.status(), patch.body());
                }
                assertEquals(leader.name(), cluster.leaderName().orElseThrow(), "nothing changed");

                // with them: switchover, restart, reload, a config change
                CommandResult switchover = pgha(full, "switchover", "--candidate", other, "--force");
                assertEquals(0, switchover.exitCode(), switchover.describe());
                cluster.awaitLeader(other, Duration.ofSeconds(60));
                cluster.awaitHealthy(Duration.ofSeconds(120));
                CommandResult restart = pgha(full, "restart", "secrets", leader.name(), "--force");
                assertEquals(0, restart.exitCode(), restart.describe());
                CommandResult reload = pgha(full, "reload", "secrets", "--force");
                assertEquals(0, reload.exitCode(), reload.describe());
                CommandResult edit = pgha(full, "edit-config", "--set", "loop_wait=3", "--force");
                assertEquals(0, edit.exitCode(), edit.describe());
                outputs.addAll(List.of(switchover.describe(), restart.describe(), reload.describe(), edit.describe()));
                cluster.awaitHealthy(Duration.ofSeconds(120));

                assertNoSecretInProcesses("after a switchover, restart and reload");
                for (String[] args : List.of(new String[] {"list"}, new String[] {"show-config"}, new String[] {"topology"},
                        new String[] {"doctor"}, new String[] {"history"}, new String[] {"list", "-f", "json"})) {
                    CommandResult run = pgha(full, args);
                    outputs.add(run.describe());
                }
                outputs.add(pgha(full, "switchover", "--candidate", "nobody", "--force").describe());
                try (NodeClient client = new NodeClient(new RestClientSettings("patroni", REST_PASSWORD, false, certs.ca(),
                        certs.pem("ctl"), certs.key("ctl"), Duration.ofSeconds(5)))) {
                    for (PghaClusterFixture.Node node : cluster.nodes()) {
                        for (String path : List.of("/patroni", "/cluster", "/config", "/history", "/status", "/metrics",
                                "/health", "/failsafe")) {
                            NodeResponse response = client.get(URI.create("https://127.0.0.1:" + node.restPort() + path));
                            outputs.add(path + " " + response.status() + " " + response.body());
                        }
                    }
                }
                assertNoSecretIn("CLI outputs and REST bodies", String.join("\n", outputs));
                for (PghaClusterFixture.Node node : cluster.nodes()) {
                    Path pgpass = node.configFile().resolveSibling("pgpass");
                    assertTrue(Files.isRegularFile(pgpass), pgpass + " exists");
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(pgpass)), pgpass.toString());
                    assertNoSecretInFiles(node.configFile().getParent(), Path.of(cluster.dir().toString()));
                }
            }
        } finally {
            EtcdFixtureCleanup.delete(dir);
        }
    }

    private static void assertRefused(CommandResult run, String reason) {
        assertNotEquals(0, run.exitCode(), run.describe());
        String text = run.stdout() + run.stderr();
        assertTrue(text.contains(reason), "the reason (" + reason + ") is shown: " + run.describe());
    }

    private static Path ctlConfig(PghaClusterFixture cluster, String name, TestCertificates certs, boolean auth,
                                  boolean certificate) throws IOException {
        Map<String, Object> ctl = new LinkedHashMap<>();
        ctl.put("cacert", certs.ca().toString());
        if (certificate) {
            ctl.put("certfile", certs.pem("ctl").toString());
            ctl.put("keyfile", certs.key("ctl").toString());
        }
        if (auth) {
            ctl.put("authentication", Map.of("username", "patroni", "password", REST_PASSWORD));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scope", cluster.scope());
        config.put("namespace", PghaClusterFixture.NAMESPACE);
        config.put("etcd3", Map.of("hosts", cluster.etcd().hostsCsv(), "username", "root", "password", ETCD_PASSWORD));
        config.put("ctl", ctl);
        config.put("postgresql", Map.of("authentication", Map.of("superuser", Map.of(
                "username", PghaClusterFixture.SUPERUSER, "password", PghaClusterFixture.SUPERUSER_PASSWORD))));
        Path file = cluster.dir().resolve(name);
        YAML.writeValue(file.toFile(), config);
        return file;
    }

    private static CommandResult pgha(Path config, String... args) {
        List<String> command = new ArrayList<>(List.of(PghaClusterFixture.LAUNCHER.toString(), "-c", config.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>();
        System.getenv().keySet().stream().filter(n -> n.startsWith("PATRONI_")).forEach(n -> env.put(n, null));
        return Commands.run(command, Duration.ofSeconds(90), config.getParent(), env);
    }

    /** Every process this user can read: its command line and its environment. */
    private static void assertNoSecretInProcesses(String when) throws IOException {
        int scanned = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                for (String file : List.of("cmdline", "environ")) {
                    byte[] content;
                    try {
                        content = Files.readAllBytes(proc.resolve(file));
                    } catch (IOException | SecurityException gone) {
                        continue; // exited, or another user's
                    }
                    scanned++;
                    String text = new String(content, StandardCharsets.ISO_8859_1).replace('\0', ' ');
                    for (String secret : SECRETS) {
                        if (text.contains(secret)) {
                            throw new AssertionError(when + ": a password is in " + proc.resolve(file) + ": "
                                    + text.substring(0, Math.min(300, text.length())));
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 10, "processes were scanned: " + scanned);
    }

    /**
     * Every file of a node apart from the configuration files the test wrote and the pgpass file: agent
     * and PostgreSQL logs, PostgreSQL's configuration files, the data directory.
     */
    private static void assertNoSecretInFiles(Path nodeDir, Path clusterDir) throws IOException {
        try (Stream<Path> files = Files.walk(nodeDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yml") || name.equals("pgpass") || Files.size(file) > 64 * 1024 * 1024) {
                    continue;
                }
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException gone) {
                    continue;
                }
                assertNoSecretIn(file.toString(), new String(content, StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void assertNoSecretIn(String where, String text) {
        for (String secret : SECRETS) {
            int at = text.indexOf(secret);
            if (at >= 0) {
                throw new AssertionError("a password is in " + where + ": ..."
                        + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 50)));
            }
        }
    }

    /** Removes the certificates' directory. */
    private static final class EtcdFixtureCleanup {
        static void delete(Path dir) throws IOException {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
