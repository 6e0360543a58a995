package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** create_replica_methods and the command line a custom method gets (ha-loop.md §14.1, Patroni's create_replica). */
class ReplicaMethodsTest {
    private static final Path DATA = Path.of("/var/lib/pgha/data");
    private static final String CONN = "dbname=postgres user=replicator host=10.0.0.1 port=5432";

    private static Map<String, Object> section(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static ReplicaMethods methods(Object... pairs) {
        return ReplicaMethods.from(section(pairs));
    }

    @Test
    void customMethodGetsItsOptionsThenScopeRoleDatadirAndConnstring() {
        ReplicaMethod method = methods("create_replica_methods", List.of("pgbackrest", "basebackup"),
                "pgbackrest", section("command", "/usr/bin/pgbackrest --stanza=main restore", "keep_data", true,
                        "no_leader", true, "delta", true, "process-max", 4)).methods().get(0);

        assertEquals(List.of("/usr/bin/pgbackrest", "--stanza=main", "restore", "--keep_data=True", "--no_leader=True",
                "--delta=True", "--process-max=4", "--scope=demo", "--role=replica", "--datadir=/var/lib/pgha/data",
                "--connstring=" + CONN), method.commandLine("demo", DATA, CONN));
        assertTrue(method.keepData());
        assertTrue(method.worksWithoutLeader());
    }

    @Test
    void noParamsDropsPatronisArgumentsAndTheFlagsButKeepsTheUsersOptions() {
        ReplicaMethod method = methods("create_replica_methods", List.of("walg"), "walg",
                section("command", "wal-g-restore", "no_params", true, "keep_data", "yes", "no_master", 1,
                        "target", "latest")).methods().get(0);

        assertEquals(List.of("wal-g-restore", "--target=latest"), method.commandLine("demo", DATA, ""));
        assertTrue(method.worksWithoutLeader(), "Patroni 3.0 still reads no_master");
    }

    @Test
    void anOptionNamedLikePatronisArgumentKeepsItsPlaceButGetsPatronisValue() {
        ReplicaMethod method = methods("create_replica_methods", List.of("copy"), "copy",
                section("command", "copy.sh", "datadir", "/elsewhere", "x", "y")).methods().get(0);

        assertEquals(List.of("copy.sh", "--datadir=/var/lib/pgha/data", "--x=y", "--scope=demo", "--role=replica",
                "--connstring="), method.commandLine("demo", DATA, ""));
    }

    @Test
    void valuesArePrintedAsPythonPrintsThem() {
        ReplicaMethod method = methods("create_replica_methods", List.of("m"), "m", section("a", false, "b", null,
                "c", 1.5, "d", List.of("x", 2, true), "e", Map.of("k", "it's"))).methods().get(0);

        assertEquals(List.of("m", "--a=False", "--b=None", "--c=1.5", "--d=['x', 2, True]", "--e={'k': \"it's\"}",
                "--scope=s", "--role=replica", "--datadir=/var/lib/pgha/data", "--connstring="),
                method.commandLine("s", DATA, ""));
    }

    @Test
    void flagsUsePythonTruthiness() {
        assertTrue(ReplicaMethod.truthy("false"), "a non-empty string is true to Patroni");
        assertFalse(ReplicaMethod.truthy(""));
        assertFalse(ReplicaMethod.truthy(0));
        assertFalse(ReplicaMethod.truthy(null));
        assertFalse(ReplicaMethod.truthy(List.of()));
        assertTrue(ReplicaMethod.truthy(Map.of("a", 1)));
    }

    @Test
    void methodWithoutSectionRunsAProgramOfItsName() {
        ReplicaMethod method = methods("create_replica_methods", List.of("restore-from-nas")).methods().get(0);

        assertEquals(List.of("restore-from-nas", "--scope=s", "--role=replica", "--datadir=/var/lib/pgha/data",
                "--connstring="), method.commandLine("s", DATA, ""));
        assertFalse(method.worksWithoutLeader());
    }

    @Test
    void withoutListOnlyBasebackupAndTheLegacyKeyStillCounts() {
        assertEquals(List.of(ReplicaMethod.basebackup()), methods().methods());
        assertEquals(List.of(ReplicaMethod.basebackup()), methods("create_replica_methods", List.of()).methods());
        assertEquals(List.of("wal_e", "basebackup"), methods("create_replica_method", List.of("wal_e", "basebackup"))
                .methods().stream().map(ReplicaMethod::name).toList());
        assertEquals(List.of("a"), methods("create_replica_methods", List.of("a"), "create_replica_method", List.of("b"))
                .configured(), "the new key wins");
    }

    @Test
    void basebackupNeverWorksWithoutLeaderEvenWhenTold() {
        ReplicaMethods methods = methods("create_replica_methods", List.of("basebackup", "restore"),
                "basebackup", section("no_leader", true), "restore", section("command", "r", "no_leader", true),
                "other", section("no_leader", true), "parameters", section("max_connections", 10));

        assertEquals(Set.of("restore", "other"), methods.usableWithoutLeader());
        assertTrue(methods.resolve(List.of("basebackup")).get(0).isBasebackup());
        assertFalse(methods.resolve(List.of("basebackup")).get(0).worksWithoutLeader());
    }

    @Test
    void mistakesNameTheKey() {
        assertEquals("postgresql.create_replica_methods: expected a list of method names, e.g. [pgbackrest, basebackup],"
                + " got pgbackrest", assertThrows(IllegalArgumentException.class,
                        () -> methods("create_replica_methods", "pgbackrest")).getMessage());
        assertEquals("postgresql.pgbackrest.command: no closing quotation in: restore 'x",
                assertThrows(IllegalArgumentException.class, () -> methods("create_replica_methods", List.of("pgbackrest"),
                        "pgbackrest", section("command", "restore 'x"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> methods("create_replica_methods", List.of("m"),
                "m", "restore.sh")).getMessage().startsWith("postgresql.m: expected the method's settings"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> methods("create_replica_methods", List.of("m"),
                "m", section("command", List.of("a")))).getMessage().startsWith("postgresql.m.command: expected the program"));
    }

    @Test
    void connstringIsPatronisWithoutPassword() {
        PostgresSettings settings = PostgresSettings.builder("demo", "node2", DATA, ListenAddress.parse("127.0.0.1:5433"),
                new Authentication(new Credentials("postgres", "su-secret"), new Credentials("replicator", "repl secret"),
                        null)).build();
        CreateReplica create = new CreateReplica(settings, new Commands(Path.of("/tmp/pgpass"),
                Redactor.of(settings.authentication())), null);

        assertEquals("dbname=my\\ db user=replicator host=10.0.0.1 port=5432",
                create.connstring(new Upstream("node1", "10.0.0.1", 5432, "my db", null)));
    }
}
