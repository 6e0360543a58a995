package io.pgha.agent;

import static io.pgha.agent.AgentClusterIT.execute;
import static io.pgha.agent.PermanentSlotsIT.await;
import static io.pgha.agent.PermanentSlotsIT.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.PostgresFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas made by the user's own programs ({@code postgresql.create_replica_methods}, ha-loop.md §14.1)
 * in pgha clusters on real etcd and PostgreSQL 15. The programs are shell scripts written here: they
 * record their arguments and environment, then copy with pg_basebackup from {@code --connstring}, or
 * restore a backup directory, or fail after leaving junk in the data directory.
 */
class CreateReplicaMethodsIT {
    private static final Duration HEALTHY = Duration.ofSeconds(120);
    private static final Duration SOON = Duration.ofSeconds(90);
    private static final String PG_BASEBACKUP = PostgresFixture.BIN_DIR.resolve("pg_basebackup").toString();

    /** Shell lines that set $datadir and $connstring from the arguments and record them in <dir>/<script>.<node>. */
    private static final String RECORD = """
            #!/bin/sh
            for arg in "$@"; do
              case "$arg" in
                --datadir=*) datadir="${arg#--datadir=}" ;;
                --connstring=*) connstring="${arg#--connstring=}" ;;
              esac
            done
            node=$(basename "$(dirname "$datadir")")
            record="$(dirname "$0")/$(basename "$0" .sh).$node"
            printf '%s\\n' "$0" "$@" > "$record.args"
            printf 'PGPASSFILE=%s\\nPGPASSWORD=%s\\n' "$PGPASSFILE" "$PGPASSWORD" > "$record.env"
            """;

    @TempDir
    Path scripts;

    private Path script(String name, String body) throws IOException {
        Path file = scripts.resolve(name);
        Files.writeString(file, RECORD + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A section whose keys keep their order, as in a YAML file. */
    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void replicasAreMadeByTheConfiguredMethodsInOrderFallingBackWhenOneFails() throws Exception {
        Path broken = script("broken.sh", """
                mkdir -p "$datadir" && echo junk > "$datadir/junk-of-the-broken-method"
                exit 3
                """);
        Path copy = script("copy.sh", """
                exec %s --pgdata="$datadir" --dbname="$connstring" -X stream --checkpoint=fast
                """.formatted(PG_BASEBACKUP));
        Map<String, Object> node2 = Map.of("create_replica_methods", List.of("broken", "copy", "basebackup"),
                "broken", Map.of("command", broken.toString()),
                "copy", Map.of("command", copy + " --label='made by copy'", "compress", "none"));
        Map<String, Object> node3 = Map.of("create_replica_methods", List.of("broken", "basebackup"),
                "broken", Map.of("command", broken.toString(), "keep_data", false));
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("replmeth").timing(10, 2, 3)
                .localConfig(2, Map.of("postgresql", node2)).localConfig(3, Map.of("postgresql", node3)).start()) {
            Node primary = cluster.awaitHealthy(HEALTHY);
            assertEquals("node1", primary.name());
            await(cluster, SOON, "node2 and node3 stream from node1", () -> "node2,node3".equals(text(primary,
                    "SELECT string_agg(application_name, ',' ORDER BY application_name) FROM pg_stat_replication"
                            + " WHERE state = 'streaming'")));
            execute(primary, "CREATE TABLE marker (id int)", "INSERT INTO marker VALUES (7)");
            await(cluster, SOON, "both replicas replay", () -> "7".equals(text(cluster.node(2), "SELECT id FROM marker"))
                    && "7".equals(text(cluster.node(3), "SELECT id FROM marker")));

            // node2: broken failed, copy made the replica with Patroni's arguments and no password
            List<String> argv = Files.readAllLines(scripts.resolve("copy.node2.args"));
            assertEquals(List.of(copy.toString(), "--label=made by copy", "--compress=none", "--scope=replmeth",
                    "--role=replica", "--datadir=" + cluster.node(2).dataDir(), "--connstring=dbname=postgres user="
                            + PghaClusterFixture.REPLICATION_USER + " host=127.0.0.1 port=" + primary.pgPort()), argv);
            for (Path record : List.of(scripts.resolve("copy.node2.args"), scripts.resolve("copy.node2.env"),
                    scripts.resolve("broken.node2.args"), scripts.resolve("broken.node3.args"))) {
                String text = Files.readString(record);
                assertFalse(text.contains(PghaClusterFixture.REPLICATION_PASSWORD)
                        || text.contains(PghaClusterFixture.SUPERUSER_PASSWORD), "no password in " + record + ":\n" + text);
            }
            assertEquals(List.of("PGPASSFILE=" + cluster.node(2).dataDir().resolveSibling("pgpass"), "PGPASSWORD="),
                    Files.readAllLines(scripts.resolve("copy.node2.env")), "the password is in the pgpass file only");
            String log2 = Files.readString(cluster.node(2).log());
            assertTrue(log2.contains("Error creating replica using method broken") && log2.contains("exited with code=3")
                    && log2.contains("replica has been created using copy"), cluster.node(2).logTail(40));
            assertFalse(log2.contains(PghaClusterFixture.REPLICATION_PASSWORD), "no password in the agent's log");

            // node3: broken failed, basebackup made the replica; the broken method's junk is gone everywhere
            assertTrue(Files.readString(cluster.node(3).log()).contains("replica has been created using basebackup"),
                    cluster.node(3).logTail(40));
            assertFalse(Files.exists(cluster.node(2).dataDir().resolve("junk-of-the-broken-method")));
            assertFalse(Files.exists(cluster.node(3).dataDir().resolve("junk-of-the-broken-method")));
        }
    }

    @Test
    void withoutLeaderANoLeaderMethodRestoresABackupAndTheRestoredNodeTakesOver() throws Exception {
        Path backup = scripts.resolve("backup");
        Path restore = script("restore.sh", """
                for arg in "$@"; do
                  case "$arg" in --from=*) from="${arg#--from=}" ;; esac
                done
                mkdir -p "$datadir" && cp -a "$from/." "$datadir/" && chmod 700 "$datadir"
                """);
        Map<String, Object> node2 = Map.of("create_replica_methods", List.of("restore", "basebackup"),
                "restore", ordered("command", restore.toString(), "no_leader", true, "from", backup.toString()));
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("replnoleader").nodes(2).timing(10, 2, 3)
                // the backup ends a WAL segment early of what the stopped leader last published
                .bootstrapDcs(Map.of("maximum_lag_on_failover", 1L << 30))
                .localConfig(2, Map.of("postgresql", node2)).deferred(2).start()) {
            Node primary = cluster.awaitLeader("node1", HEALTHY);
            execute(primary, "CREATE TABLE before_backup (id int)", "INSERT INTO before_backup VALUES (42)");
            CommandResult taken = Commands.run(List.of(PG_BASEBACKUP, "--pgdata=" + backup, "-X", "stream",
                    "--checkpoint=fast", "--dbname=host=127.0.0.1 port=" + primary.pgPort() + " user="
                            + PghaClusterFixture.REPLICATION_USER + " dbname=postgres"),
                    Duration.ofSeconds(120), null, Map.of("PGPASSWORD", PghaClusterFixture.REPLICATION_PASSWORD));
            assertTrue(taken.succeeded(), taken.describe());

            cluster.stop(1);
            cluster.start(2);
            Node restored = cluster.awaitLeader("node2", HEALTHY);
            assertEquals("42", text(restored, "SELECT id FROM before_backup"));

            List<String> argv = Files.readAllLines(scripts.resolve("restore.node2.args"));
            assertEquals(List.of(restore.toString(), "--no_leader=True", "--from=" + backup, "--scope=replnoleader",
                    "--role=replica", "--datadir=" + cluster.node(2).dataDir(), "--connstring="), argv);
            String log = Files.readString(cluster.node(2).log());
            assertTrue(log.contains("trying to bootstrap (without leader)")
                    && log.contains("replica has been created using restore"), cluster.node(2).logTail(40));
        }
    }
}
