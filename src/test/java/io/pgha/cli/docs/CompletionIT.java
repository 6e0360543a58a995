package io.pgha.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.testing.CaptureLoader;
import io.pgha.testing.EtcdFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TAB in bash with the committed completion and the built dist/bin/pgha, names read from a real etcd. */
class CompletionIT {
    private static final Path LAUNCHER = CompletionShell.PROJECT.resolve("dist/bin/pgha");
    /** The names are what is tested here; on a loaded machine one second for etcd is sometimes too short. */
    private static final Map<String, String> PATIENT = Map.of("PGHA_COMPLETION_TIMEOUT", "10");
    private static EtcdFixture etcd;
    private static String pgha;

    @BeforeAll
    static void loadHealthyCluster() {
        assertTrue(Files.isRegularFile(CompletionShell.PROJECT.resolve("target/pgha.jar")), "package ran before the ITs");
        etcd = EtcdFixture.startSingle();
        try (Dcs dcs = new EtcdGatewayDcs(etcd.settings())) {
            CaptureLoader.load(dcs, CaptureLoader.capture("healthy"));
            dcs.put("/service/other/config", "{}", 0);
            dcs.put("/elsewhere/third/config", "{}", 0);
        }
        pgha = LAUNCHER + " -d etcd3://127.0.0.1:" + etcd.members().get(0).clientPort();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void aSubcommandCompletes() {
        assertEquals(List.of("list"), CompletionShell.complete(pgha + " li"));
    }

    @Test
    void withNoClusterNamedOrConfiguredTheMembersOfEveryClusterAreOffered() {
        assertEquals(List.of("node1", "node2", "node3"), CompletionShell.complete(pgha + " dsn -m ", PATIENT));
    }

    @Test
    void memberNamesOfTheClusterNamedOnTheLine() {
        assertEquals(List.of("node2"), CompletionShell.complete(pgha + " version demo node2", PATIENT));
    }

    @Test
    void clusterNamesAreTheScopesUnderTheNamespace() {
        assertEquals(List.of("demo", "other"), CompletionShell.complete(pgha + " list ", PATIENT));
    }
}
