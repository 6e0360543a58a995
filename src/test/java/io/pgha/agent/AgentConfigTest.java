package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.config.ConfigException;
import io.pgha.config.ConfigSources;
import io.pgha.dcs.DynamicConfig;
import io.pgha.ha.CloneMethods;
import io.pgha.ha.HaSettings;
import io.pgha.postgres.PostgresSettings;
import io.pgha.postgres.ReplicaMethod;
import io.pgha.testing.SampleConfigs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local configuration an agent starts from, and how /config combines with it (config.md §1.2). */
class AgentConfigTest {
    static final String VALID = SampleConfigs.AGENT;

    @TempDir
    Path dir;

    private AgentConfig load(String yaml) throws IOException {
        Path file = dir.resolve("patroni.yml");
        Files.writeString(file, yaml);
        return AgentConfig.from(ConfigSources.local(file, Map.of()));
    }

    @Test
    void apiUrlAndConnUrlComeFromTheConnectAddresses() throws IOException {
        AgentConfig config = load(VALID);
        assertEquals("http://10.0.0.1:8008/patroni", config.restapi().apiUrl());
        assertEquals("postgres://10.0.0.1:5432/postgres", config.postgresSettings(config.bootstrapDynamic()).connUrl());
        assertEquals("/service/demo/", config.keyspace().prefix());
    }

    @Test
    void dynamicParametersApplyUnlessTheLocalFileSetsThemAndGuardedOnesOnlyComeFromTheDcs() throws IOException {
        AgentConfig config = load(VALID);
        PostgresSettings settings = config.postgresSettings(config.bootstrapDynamic());
        assertEquals("200", settings.parameters().get("max_connections"), "max_connections is guarded: local 50 ignored");
        assertEquals("16MB", settings.parameters().get("work_mem"), "local wins for ordinary parameters");
        assertEquals("1GB", settings.parameters().get("shared_buffers"));
        assertTrue(settings.usePgRewind(), "use_pg_rewind from bootstrap.dcs");
        assertEquals(List.of("host all all 10.0.0.0/8 md5"), settings.bootstrapPgHba());
        assertEquals(2, settings.initdbOptions().size());
    }

    @Test
    void useSlotsIsTakenFromTheDynamicConfigurationOnly() throws IOException {
        AgentConfig config = load(VALID.replace("  parameters:\n    max_connections: 50",
                "  use_slots: true\n  parameters:\n    max_connections: 50"));
        DynamicConfig dynamic = new DynamicConfig(Map.of("postgresql", Map.of("use_slots", false)), 5, true);
        assertFalse(config.postgresSettings(dynamic).useSlots());
    }

    @Test
    void haSettingsCarryNameTagsRewindAndTheBootstrapSection() throws IOException {
        AgentConfig config = load(VALID);
        HaSettings ha = config.haSettings(config.bootstrapDynamic());
        assertEquals("node1", ha.name());
        assertTrue(ha.usePgRewind());
        assertTrue(ha.hasBootstrapSection());
        assertEquals(2, ha.tags().priority());
        assertFalse(ha.tags().isNoFailover());
        assertFalse(load(VALID.replace("bootstrap:", "unused:")).haSettings(DynamicConfig.ABSENT).hasBootstrapSection(),
                "without a bootstrap section a node never initialises a cluster");
    }

    @Test
    void errorsNameTheFilePositionAndTheKey() {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> load(VALID.replace("  data_dir: /var/lib/pgha/data\n", "")));
        assertTrue(missing.getMessage().contains("postgresql") && missing.getMessage().contains("data_dir"),
                missing.getMessage());
        ConfigException listen = assertThrows(ConfigException.class,
                () -> load(VALID.replace("listen: 0.0.0.0:8008", "listen: [1, 2]")));
        assertTrue(listen.getMessage().matches("config error: .*patroni\\.yml:\\d+:\\d+: restapi\\.listen: .*"),
                listen.getMessage());
        ConfigException method = assertThrows(ConfigException.class,
                () -> load(VALID.replace("  initdb:", "  method: wal_e\n  initdb:")));
        assertTrue(method.getMessage().matches("config error: .*patroni\\.yml:\\d+:\\d+: bootstrap\\.wal_e: not set; .*"),
                method.getMessage());
        ConfigException noName = assertThrows(ConfigException.class, () -> load(VALID.replace("name: node1\n", "")));
        assertTrue(noName.getMessage().contains("name: not set"), noName.getMessage());
    }

    @Test
    void replicaCreationMethodsReachTheHaSettingsAndTheirSectionsDefineThem() throws IOException {
        AgentConfig config = load(VALID.replace("  parameters:\n    max_connections: 50",
                "  create_replica_methods: [pgbackrest, basebackup]\n"
                        + "  pgbackrest:\n"
                        + "    command: /usr/bin/pgbackrest --stanza=main restore\n"
                        + "    no_leader: true\n"
                        + "    keep_data: true\n"
                        + "  parameters:\n    max_connections: 50"));
        HaSettings ha = config.haSettings(config.bootstrapDynamic());
        assertEquals(new CloneMethods(List.of("pgbackrest", "basebackup"), Set.of("pgbackrest")), ha.cloneMethods());
        ReplicaMethod pgbackrest = config.postgresql().replicaMethods(config.bootstrapDynamic().data()).methods().get(0);
        assertEquals(List.of("/usr/bin/pgbackrest", "--stanza=main", "restore"), pgbackrest.command());
        assertTrue(pgbackrest.keepData());
    }

    @Test
    void replicaCreationMethodsMayComeFromTheDynamicConfiguration() throws IOException {
        AgentConfig config = load(VALID);
        DynamicConfig dynamic = new DynamicConfig(Map.of("postgresql", Map.of("create_replica_method", List.of("walg"),
                "walg", Map.of("command", "restore.sh", "no_leader", "on"))), 1, true);
        assertEquals(new CloneMethods(List.of("walg"), Set.of("walg")), config.haSettings(dynamic).cloneMethods());
        DynamicConfig broken = new DynamicConfig(Map.of("postgresql", Map.of("create_replica_methods", "walg")), 2, true);
        assertEquals(CloneMethods.DEFAULT, config.haSettings(broken).cloneMethods(),
                "a malformed /config falls back to the local methods");
    }

    @Test
    void replicaCreationMethodMistakesNameTheFilePositionAndTheKey() {
        ConfigException list = assertThrows(ConfigException.class, () -> load(VALID.replace(
                "  parameters:\n    max_connections: 50", "  create_replica_methods: pgbackrest\n  parameters:\n    max_connections: 50")));
        assertTrue(list.getMessage().matches("config error: .*patroni\\.yml:\\d+:\\d+: postgresql\\.create_replica_methods: "
                + "expected a list of method names.*"), list.getMessage());
        ConfigException command = assertThrows(ConfigException.class, () -> load(VALID.replace(
                "  parameters:\n    max_connections: 50",
                "  create_replica_methods: [pgbackrest]\n  pgbackrest:\n    command: \"restore 'x\"\n"
                        + "  parameters:\n    max_connections: 50")));
        assertTrue(command.getMessage().matches("config error: .*patroni\\.yml:\\d+:\\d+: postgresql\\.pgbackrest\\.command: "
                + "no closing quotation.*"), command.getMessage());
        assertFalse(command.getMessage().contains("\n"), "one line");
    }

    @Test
    void errorsNeverShowPasswords() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(VALID.replace("password: secret-1", "password: [secret-1]")));
        assertFalse(e.getMessage().contains("secret-1"), e.getMessage());
    }

    @Test
    void validateConfigIsSilentForAGoodFileAndPrintsTheProblemOtherwise() throws IOException {
        Path good = dir.resolve("good.yml");
        Files.writeString(good, VALID);
        StringWriter err = new StringWriter();
        assertEquals(0, AgentProcess.validate(good.toString(), new PrintWriter(err, true), Map.of()));
        assertEquals("", err.toString());

        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, VALID.replace("hosts: 10.0.0.9:2379", "hosts: []"));
        assertEquals(1, AgentProcess.validate(bad.toString(), new PrintWriter(err, true), Map.of()));
        assertTrue(err.toString().startsWith("config error: "), err.toString());
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        Path file = dir.resolve("patroni.yml");
        Files.writeString(file, VALID);
        AgentConfig config = AgentConfig.from(ConfigSources.local(file, Map.of("PATRONI_NAME", "node7",
                "PATRONI_RESTAPI_CONNECT_ADDRESS", "10.0.0.7:8008")));
        assertEquals("node7", config.name());
        assertEquals("http://10.0.0.7:8008/patroni", config.restapi().apiUrl());
    }
}
