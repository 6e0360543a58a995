package io.pgha.ha;

import static io.pgha.ha.Fixtures.NOW;
import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningPrimary;
import static io.pgha.ha.Fixtures.runningReplica;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.dcs.Cluster;
import io.pgha.ha.Action.StopMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent's last decision after SIGTERM (ha-loop.md §22). */
class ShutdownTest {
    private static final Cluster LED = cluster().leader("node1")
            .members(primary("node1", 2000), replica("node2", 2000)).build();

    @Test
    void leaderStopsPostgresFastThenReleasesTheKeyAndPublishesStopped() {
        Decision decision = HaDecider.decide(input("node1", LED, runningPrimary(2000).shuttingDown(true).build()));

        assertEquals(List.of(new Action.StopPostgres(StopMode.FAST, true), new Action.ReleaseLeaderLock(true),
                new Action.PublishMember()), decision.actions());
        assertEquals("stopped PostgreSQL and released the leader key", decision.message());
    }

    @Test
    void replicaOnlyStopsPostgres() {
        Decision decision = HaDecider.decide(input("node2", LED, runningReplica(2000).shuttingDown(true).build()));

        assertEquals(List.of(new Action.StopPostgres(StopMode.FAST, false), new Action.PublishMember()),
                decision.actions());
    }

    @Test
    void leaderStillStopsWhenTheDcsIsUnreachable() {
        Decision decision = HaDecider.decide(HaInput.dcsUnreachable(HaSettings.of("node1"), "etcd: timeout",
                runningPrimary(2000).shuttingDown(true).build(), NOW));

        assertEquals(new Action.StopPostgres(StopMode.FAST, true), decision.actions().get(0));
    }

    @Test
    void shutdownIsNeverAProbe() {
        Decision decision = HaDecider.decide(input("node1", LED, runningPrimary(2000).shuttingDown(true).build()));

        assertEquals(true, decision.isFinal());
    }

    @Test
    void inSynchronousModePrimaryStopTimeoutLimitsTheWaitForTheStop() {
        Cluster sync = cluster().leader("node1").members(primary("node1", 2000), replica("node2", 2000))
                .config("synchronous_mode", true).config("primary_stop_timeout", 5).build();
        Decision leader = HaDecider.decide(input("node1", sync, runningPrimary(2000).shuttingDown(true).build()));
        Decision replica = HaDecider.decide(input("node2", sync, runningReplica(2000).shuttingDown(true).build()));

        assertEquals(new Action.StopPostgres(StopMode.FAST, true, Duration.ofSeconds(5)), leader.actions().get(0));
        assertEquals(new Action.StopPostgres(StopMode.FAST, false, Duration.ofSeconds(5)), replica.actions().get(0),
                "Patroni passes it at every node's shutdown");
    }

    @Test
    void withoutSynchronousModePrimaryStopTimeoutIsIgnoredAndTheStopWaitsAsEver() {
        Cluster async = cluster().leader("node1").members(primary("node1", 2000), replica("node2", 2000))
                .config("master_stop_timeout", 5).build();
        Decision decision = HaDecider.decide(input("node1", async, runningPrimary(2000).shuttingDown(true).build()));

        assertEquals(new Action.StopPostgres(StopMode.FAST, true, null), decision.actions().get(0));
    }
}
