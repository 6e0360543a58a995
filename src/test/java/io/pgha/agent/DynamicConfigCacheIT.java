package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Json;
import io.pgha.testing.CommandResult;
import io.pgha.testing.PghaClusterFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * etcd loses {@code /config} while the cluster is down: the restarted leader writes back the configuration
 * it cached in {@code patroni.dynamic.json} (the one last edited), not its {@code bootstrap.dcs}.
 */
class DynamicConfigCacheIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void restartedLeaderWritesBackTheCachedConfigurationWhenEtcdLostIt() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("dyncache").nodes(2).timing(20, 2, 5)
                .bootstrapDcs(Map.of("maximum_lag_on_failover", 1048576)).start()) {
            cluster.awaitHealthy(WAIT);
            CommandResult edit = cluster.pgha("edit-config", "-s", "maximum_lag_on_failover=1234567",
                    "-p", "work_mem=7MB", "--force");
            assertEquals(0, edit.exitCode(), edit.describe());

            for (PghaClusterFixture.Node node : cluster.nodes()) {
                Path file = node.dataDir().resolve("patroni.dynamic.json");
                await(() -> cached(file).filter(DynamicConfigCacheIT::edited),
                        node.name() + " caches the edited configuration in " + file, cluster);
            }

            cluster.stop(2);
            cluster.stop(1);
            String configKey = PghaClusterFixture.NAMESPACE + cluster.scope() + "/config";
            try (Dcs dcs = new EtcdGatewayDcs(cluster.etcd().settings())) {
                assertEquals(1, dcs.delete(configKey), "etcd had /config");
            }
            assertFalse(cluster.view().config().present(), "/config is gone");

            cluster.start(1);
            cluster.start(2);
            PghaClusterFixture.Node leader = cluster.awaitHealthy(WAIT);
            await(() -> Optional.of(cluster.view().config().data()).filter(DynamicConfigCacheIT::edited),
                    "/config written back with the edited values", cluster);
            assertEquals(20L, cluster.view().config().number("ttl", 0), "the rest of the configuration came back too");

            CommandResult show = cluster.pgha("show-config");
            assertEquals(0, show.exitCode(), show.describe());
            assertTrue(show.stdout().contains("maximum_lag_on_failover: 1234567"), show.describe());
            assertTrue(show.stdout().contains("work_mem: 7MB"), show.describe());
            assertEquals(Optional.of("7MB"), leader.awaitValue("SHOW work_mem", "7MB", WAIT),
                    "PostgreSQL runs with the cached parameter");
        }
    }

    private static boolean edited(Map<String, Object> config) {
        return Long.valueOf(1234567).equals(config.get("maximum_lag_on_failover"))
                && config.get("postgresql") instanceof Map<?, ?> pg && pg.get("parameters") instanceof Map<?, ?> params
                && "7MB".equals(params.get("work_mem"));
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> cached(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Json.parse(Files.readString(file)).filter(Map.class::isInstance).map(v -> (Map<String, Object>) v)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void await(Supplier<Optional<?>> check, String what, PghaClusterFixture cluster)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (check.get().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + WAIT + "\n" + cluster.logTails(25));
            }
            Thread.sleep(200);
        }
    }
}
