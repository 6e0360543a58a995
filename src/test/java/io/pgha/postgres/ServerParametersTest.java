package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerParametersTest {
    private static PostgresSettings.Builder settings() {
        return PostgresSettings.builder("demo", "node1", Path.of("/tmp/pgha-unit/data"), ListenAddress.parse("0.0.0.0:5433"),
                new Authentication(new Credentials("postgres", "pw"), new Credentials("replicator", "pw2"), null));
    }

    @Test
    void guardedParametersGetDefaultsAndGoOnTheCommandLine() {
        ServerParameters p = ServerParameters.compute(settings().build(), 15, n -> true, Map.of());
        assertEquals("0.0.0.0", p.commandLine().get("listen_addresses"));
        assertEquals("5433", p.commandLine().get("port"));
        assertEquals("demo", p.commandLine().get("cluster_name"));
        assertEquals("replica", p.commandLine().get("wal_level"));
        assertEquals("on", p.commandLine().get("wal_log_hints"));
        assertEquals("100", p.commandLine().get("max_connections"));
        assertNull(p.commandLine().get("wal_keep_size"), "wal_keep_size is only written to the file");
        assertEquals("128MB", p.conf().get("wal_keep_size"));
    }

    @Test
    void invalidGuardedValuesFallBackToDefaultsWithAWarning() {
        ServerParameters p = ServerParameters.compute(settings().parameter("max_connections", 10)
                .parameter("hot_standby", false).parameter("wal_level", "hot_standby").parameter("port", 1)
                .parameter("wal_keep_segments", 4).build(), 15, n -> true, Map.of());
        assertEquals("100", p.conf().get("max_connections"));
        assertEquals("on", p.conf().get("hot_standby"));
        assertEquals("replica", p.conf().get("wal_level"));
        assertEquals("5433", p.conf().get("port"));
        assertEquals("64MB", p.conf().get("wal_keep_size"), "segments converted to a size on PG 13+");
        assertFalse(p.conf().containsKey("wal_keep_segments"));
        assertTrue(p.warnings().contains("parameter max_connections=10 is not accepted; using 100"), p.warnings().toString());
        assertTrue(p.warnings().contains("parameter port cannot be set in parameters; using 5433"), p.warnings().toString());
    }

    @Test
    void recoverySettingsMoveAsideAndUnknownNamesAreDropped() {
        ServerParameters p = ServerParameters.compute(settings().parameter("restore_command", "cp %f")
                .parameter("primary_conninfo", "host=evil").parameter("no_such_guc", 1).parameter("pg_stat_statements.max", 500)
                .recoveryConf("recovery_min_apply_delay", "5s").recoveryConf("recovery_target_time", "2020-01-01")
                .build(), 15, name -> !name.equals("no_such_guc"), Map.of());
        assertEquals(Map.of("restore_command", "cp %f", "recovery_min_apply_delay", "5s"), p.recoveryExtras());
        assertFalse(p.conf().containsKey("primary_conninfo"));
        assertFalse(p.conf().containsKey("no_such_guc"));
        assertEquals("500", p.conf().get("pg_stat_statements.max"), "extension parameters pass unchecked");
        assertTrue(p.warnings().contains("parameter no_such_guc is unknown to this PostgreSQL; removed"));
    }

    @Test
    void aReplicaIsStartedWithThePrimarysLargerValues() {
        ServerParameters p = ServerParameters.compute(settings().build(), 15, n -> true, Map.of("max_connections", "200"));
        assertEquals("200", p.commandLine().get("max_connections"));
    }

    @Test
    void settingsRejectOptionsTheAgentSetsItself() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> settings()
                .basebackupOptions(CliOption.fromConfig("postgresql.basebackup", List.of(Map.of("host", "x")))).build());
        assertEquals("postgresql.basebackup: option 'host' is not allowed here", e.getMessage());
        assertEquals(List.of("--data-checksums", "--encoding=UTF8"), CliOption.toArguments(
                CliOption.fromConfig("bootstrap.initdb", List.of("data-checksums", Map.of("encoding", "UTF8")))));
    }

    @Test
    void settingsNeverShowPasswords() {
        PostgresSettings s = settings().build();
        assertFalse(s.toString().contains("pw"), s.toString());
        assertTrue(s.toString().contains("replicator"));
    }

    @Test
    void listenAddressesAndConnectionHost() {
        assertEquals(new ListenAddress("127.0.0.1,10.0.0.1", 5432), ListenAddress.parse("127.0.0.1,10.0.0.1"));
        assertEquals("localhost", ListenAddress.parse("*:5433").localHost());
        assertEquals("::1", ListenAddress.parse("[::1]:5433").localHost());
        assertEquals("10.0.0.1", ListenAddress.parse("10.0.0.1, 127.0.0.1:6000").localHost());
    }

    @Test
    void memberSlotNamesFollowPatronisRule() {
        assertEquals("node_1_a", SlotNames.forMember("Node-1.a"));
        assertEquals("au0233", SlotNames.forMember("aé"));
        assertEquals(63, SlotNames.forMember("x".repeat(80)).length());
        assertFalse(SlotNames.isValid("Bad-Name"));
    }

    @Test
    void pgpassEscapesColonsAndBackslashes() {
        assertEquals("a\\:b\\\\c", PgPass.escape("a:b\\c"));
    }

    @Test
    void upstreamFromAMembersConnUrl() {
        assertEquals(new Upstream("node2", "127.0.0.1", 15441, "postgres", null),
                Upstream.fromConnUrl("node2", "postgres://127.0.0.1:15441/postgres"));
        assertEquals("::1", Upstream.fromConnUrl("n", "postgres://[::1]:5432/db").host());
    }
}
