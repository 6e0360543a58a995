package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.testing.CaptureLoader;
import io.pgha.testing.Captures;
import io.pgha.testing.EtcdFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real etcd holding exactly what real Patroni 3.0.2 wrote: pgha renders it as patronictl printed it.
 * Only the captures whose etcd dump and patronictl runs saw the same cluster are compared byte for
 * byte here (the render unit tests cover the other three with the changes replayed).
 */
class ListAgainstEtcdIT {
    private static EtcdFixture etcd;
    private static Dcs dcs;

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

    static List<String> consistentCaptures() {
        return List.of("healthy", "after-switchover", "after-failover", "after-failover-rejoined",
                "fast-after-failover-rejoined", "sync-after-failover-rejoined");
    }

    private static void load(String state) {
        dcs.deletePrefix("/service/");
        CaptureLoader.load(dcs, CaptureLoader.capture(state));
    }

    private static CliRun pgha(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "-d";
        full[1] = "etcd3://127.0.0.1:" + etcd.members().get(0).clientPort();
        System.arraycopy(args, 0, full, 2, args.length);
        return CliRun.pgha(full);
    }

    @ParameterizedTest
    @MethodSource("consistentCaptures")
    void everyFormatMatchesWhatPatronictl302Printed(String state) {
        load(state);
        Map<String, String[]> expectations = Map.of(
                "patronictl-list.txt", new String[] {"list", "demo"},
                "patronictl-list-e.txt", new String[] {"list", "-e", "demo"},
                "patronictl-list-json.txt", new String[] {"list", "-f", "json", "demo"},
                "patronictl-list-tsv.txt", new String[] {"list", "-f", "tsv", "demo"},
                "patronictl-list-yaml.txt", new String[] {"list", "-f", "yaml", "demo"},
                "patronictl-topology.txt", new String[] {"topology", "demo"},
                "patronictl-history.txt", new String[] {"history", "demo"},
                "patronictl-show-config.txt", new String[] {"show-config", "demo"},
                "patronictl-dsn.txt", new String[] {"dsn", "demo"});
        expectations.forEach((file, args) -> {
            String[] withCompat = new String[args.length + 2];
            withCompat[0] = "--compat";
            withCompat[1] = "3.0";
            System.arraycopy(args, 0, withCompat, 2, args.length);
            CliRun run = pgha(withCompat);
            assertEquals(0, run.exitCode(), state + " " + file + ": " + run);
            assertEquals(Captures.text(state, file), run.out(), state + " " + file);
            assertEquals("", run.err(), state + " " + file);
        });
    }

    @Test
    void defaultSurfaceShowsPatroni41ColumnsAndTheSystemIdentifier() {
        load("healthy");
        CliRun run = pgha("list", "demo");
        assertEquals(0, run.exitCode(), run.toString());
        String expected = """
                + Cluster: demo (7712239926406301085) --------+----+-------------+-----+------------+-----+
                | Member | Host           | Role    | State   | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+----------------+---------+---------+----+-------------+-----+------------+-----+
                | node1  | 127.0.0.1:5532 | Leader  | running |  1 |             |     |            |     |
                | node2  | 127.0.0.1:5533 | Replica | running |  1 |     unknown |     |  0/4000000 |   0 |
                | node3  | 127.0.0.1:5534 | Replica | running |  1 |     unknown |     |  0/3000000 |  16 |
                +--------+----------------+---------+---------+----+-------------+-----+------------+-----+
                """;
        assertEquals(expected, run.out());
    }

    @Test
    void unknownClusterIsAnEmptyTableAsPatronictlPrints() {
        load("healthy");
        CliRun run = pgha("list", "nosuchcluster");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("+ Cluster: nosuchcluster (uninitialized) "), run.out());
        assertEquals(4, run.out().lines().count(), run.out());
    }

    @Test
    void aGarbageMemberKeyIsReportedAndTheRestStillLists() {
        load("healthy");
        dcs.put("/service/demo/members/node2", "{garbage", 0);
        CliRun run = pgha("list", "-f", "json", "demo");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"Member\": \"node1\""), run.out());
        assertTrue(run.out().contains("\"Member\": \"node2\""), run.out());
        assertEquals("warning: /service/demo/members/node2: not a JSON object, read as a member without data\n", run.err());
    }

    @Test
    void dsnOfAReplicaAndOfANamedMember() {
        load("healthy");
        assertEquals("host=127.0.0.1 port=5533\n", pgha("dsn", "-r", "replica", "demo").out());
        assertEquals("host=127.0.0.1 port=5534\n", pgha("dsn", "-m", "node3", "demo").out());
        CliRun none = pgha("dsn", "-m", "node9", "demo");
        assertEquals(1, none.exitCode());
        assertEquals("Error: Can not find a suitable member\n", none.err());
    }

    @Test
    void severalClustersAreListedInArgumentOrder() {
        load("healthy");
        CliRun run = pgha("list", "-f", "tsv", "demo", "other");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(1).startsWith("demo\tnode1"), run.out());
        assertEquals(lines.get(0), lines.get(lines.size() - 1), "the second cluster prints its own header: " + run.out());
    }
}
