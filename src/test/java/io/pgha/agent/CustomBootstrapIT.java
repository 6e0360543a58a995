package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.testing.CommandResult;
import io.pgha.testing.Commands;
import io.pgha.testing.FixtureDirectories;
import io.pgha.testing.PghaClusterFixture;
import io.pgha.testing.PghaClusterFixture.Node;
import io.pgha.testing.PostgresFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A new cluster bootstrapped by a custom method (ha-loop.md §14.2, §14.3): Patroni users restore a base
 * backup and replay the WAL archive up to the end (point-in-time recovery) instead of running initdb.
 */
class CustomBootstrapIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    /** Copies the backup named by --backup= into --datadir=, and notes the arguments it was called with. */
    private static final String RESTORE_SCRIPT = """
            #!/bin/sh
            set -e
            echo "$@" > "$(dirname "$0")/restore.args"
            for arg in "$@"; do
              case "$arg" in
                --datadir=*) datadir="${arg#--datadir=}" ;;
                --backup=*) backup="${arg#--backup=}" ;;
              esac
            done
            mkdir -p "$datadir"
            cp -a "$backup"/. "$datadir"/
            chmod 700 "$datadir"
            echo "restored $backup"
            """;

    @Test
    void newClusterRestoredFromABaseBackupAndTheWalArchiveLeadsWithTheSourceRows() throws Exception {
        Path work = FixtureDirectories.create("pgha-custboot-");
        Path archive = Files.createDirectory(work.resolve("archive"));
        Path backup = work.resolve("backup");
        Path script = executable(work.resolve("restore.sh"), RESTORE_SCRIPT);
        try (PghaClusterFixture source = PghaClusterFixture.builder("custboot-source").nodes(1).timing(20, 2, 5)
                .parameter("archive_mode", "on").parameter("archive_command", "cp %p " + archive + "/%f").start()) {
            Node sourcePrimary = source.awaitLeader("node1", WAIT);
            execute(sourcePrimary, "CREATE TABLE restored (id int)");
            execute(sourcePrimary, "INSERT INTO restored VALUES (1)");

            // no WAL in the backup: everything the restore needs comes through restore_command from the archive
            CommandResult basebackup = Commands.run(List.of(PostgresFixture.BIN_DIR.resolve("pg_basebackup").toString(),
                    "-D", backup.toString(), "-h", "127.0.0.1", "-p", String.valueOf(sourcePrimary.pgPort()),
                    "-U", PghaClusterFixture.REPLICATION_USER, "-X", "none", "-c", "fast"), WAIT, work,
                    Map.of("PGPASSWORD", PghaClusterFixture.REPLICATION_PASSWORD));
            assertTrue(basebackup.succeeded(), basebackup.describe());
            // written after the backup: only replaying the archive brings them back
            execute(sourcePrimary, "INSERT INTO restored VALUES (2)");
            String lastSegment = value(sourcePrimary, "SELECT pg_walfile_name(pg_switch_wal())");
            assertTrue(await(() -> Files.exists(archive.resolve(lastSegment))), "the source archives " + lastSegment
                    + "\n" + source.logTails(20));

            Path postBootstrap = executable(work.resolve("post.sh"), """
                    #!/bin/sh
                    set -e
                    printf '%%s\\n' "$@" "$PGOPTIONS" > "$(dirname "$0")/post.args"
                    %s "$1" -c "CREATE TABLE made_by_post_bootstrap (id int)"
                    """.formatted(PostgresFixture.BIN_DIR.resolve("psql")));
            Map<String, Object> bootstrap = Map.of("bootstrap", Map.of("method", "restore",
                    "restore", Map.of("command", script.toString(), "backup", backup.toString(),
                            "recovery_conf", Map.of("restore_command", "cp " + archive + "/%f %p",
                                    "recovery_target_action", "promote")),
                    "post_bootstrap", postBootstrap.toString()));
            try (PghaClusterFixture restored = PghaClusterFixture.builder("custboot-restored").nodes(2).timing(20, 2, 5)
                    .etcd(source.etcd()).localConfig(1, bootstrap).start()) {
                Node leader = restored.node(1);
                Node replica = restored.node(2);
                String args = Files.readString(work.resolve("restore.args")).strip();
                assertEquals("--scope=custboot-restored --datadir=" + leader.dataDir() + " --backup=" + backup, args,
                        "the command gets scope and data directory, then the method's other keys");

                assertEquals("2", value(leader, "SELECT count(*)::text FROM restored"),
                        "rows from the backup and from the archive after it");
                assertEquals("false", value(leader, "SELECT pg_is_in_recovery()::text"), "the recovery ended in a promotion");
                execute(leader, "INSERT INTO restored VALUES (3)");
                assertEquals("on", value(leader, "SHOW hot_standby"), "restarted with the normal configuration");
                String hba = Files.readString(leader.dataDir().resolve("pg_hba.conf"));
                assertFalse(hba.contains("127.0.0.1/32\ttrust"), "the temporary trust-only pg_hba.conf is gone:\n" + hba);
                assertTrue(hba.contains("host all all 127.0.0.1/32 md5"), "postgresql.pg_hba is back:\n" + hba);
                assertFalse(Files.exists(leader.dataDir().resolve("recovery.signal")), "no recovery settings left");
                String sourceSysid = source.view().initialize();
                Cluster view = restored.view();
                assertEquals(value(leader, "SELECT system_identifier::text FROM pg_control_system()"), view.initialize(),
                        "the restored cluster registers its system identifier");
                assertEquals(sourceSysid, view.initialize(), "a restore keeps the source's system identifier");

                assertEquals(List.of("dbname=postgres user=" + PghaClusterFixture.SUPERUSER + " host=127.0.0.1 port="
                        + leader.pgPort(), "-c synchronous_commit=local -c statement_timeout=0"),
                        Files.readAllLines(work.resolve("post.args")),
                        "post_bootstrap gets the superuser's connection string, no password, and Patroni's PGOPTIONS");
                assertEquals("made_by_post_bootstrap", value(leader,
                        "SELECT relname::text FROM pg_class WHERE relname = 'made_by_post_bootstrap'"));

                assertEquals("node1", restored.awaitHealthy(WAIT).name(), "its replica streams from it\n" + restored.logTails(30));
                assertEquals(Optional.of("3"), replica.awaitValue("SELECT count(*)::text FROM restored", "3", WAIT),
                        "rows written on the restored leader reach its replica\n" + restored.logTails(20));
                assertEquals("node2", value(leader, "SELECT application_name FROM pg_stat_replication"));

                CommandResult list = restored.pgha("list");
                assertEquals(0, list.exitCode(), list.stderr());
                assertTrue(list.stdout().contains("custboot-restored"), list.stdout());
                assertTrue(list.stdout().lines().anyMatch(l -> l.contains("node1") && l.contains("Leader")), list.stdout());
                assertTrue(list.stdout().lines().anyMatch(l -> l.contains("node2") && l.contains("Replica")), list.stdout());
            }
        }
    }

    @Test
    void failingBootstrapCommandLeavesNoDataDirectoryAndReleasesTheInitializeKey() throws Exception {
        Path work = FixtureDirectories.create("pgha-custboot-");
        Path script = executable(work.resolve("broken.sh"), """
                #!/bin/sh
                for arg in "$@"; do
                  case "$arg" in --datadir=*) datadir="${arg#--datadir=}" ;; esac
                done
                mkdir -p "$datadir" && echo half > "$datadir/PG_VERSION"
                echo "backup server unreachable" >&2
                exit 3
                """);
        Map<String, Object> bootstrap = Map.of("bootstrap", Map.of("method", "restore",
                "restore", Map.of("command", script.toString())));
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("custboot-broken").nodes(1).timing(20, 2, 5)
                .localConfig(1, bootstrap).noLeaderExpected().start()) {
            Node node = cluster.node(1);
            assertTrue(await(() -> !node.isRunning()), "the agent gives up (Patroni: fatal 'Failed to bootstrap cluster')\n"
                    + node.logTail(30));
            String log = node.logTail(200);
            assertTrue(log.contains("custom bootstrap failed") && log.contains("exited with code 3")
                    && log.contains("backup server unreachable"), log);
            assertTrue(log.contains("Failed to bootstrap cluster"), log);
            assertFalse(Files.exists(node.dataDir()), "no half-restored data directory is left to start from");
            assertTrue(Files.exists(node.dataDir().resolveSibling(node.dataDir().getFileName() + ".failed")),
                    "it is kept aside for a post-mortem, as Patroni does");
            Cluster view = cluster.view();
            assertNull(view.initialize(), "the initialize key is released for another attempt");
            assertTrue(view.isUnlocked());
        }
    }

    private static Path executable(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }

    private static void execute(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String value(Node node, String sql) throws SQLException {
        try (Connection c = node.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
