package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Dcs;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.testing.CaptureLoader;
import io.pgha.testing.Captures;
import io.pgha.testing.EtcdFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** remove against real etcd holding a Patroni 3.0.2 cluster (capture "healthy", leader node1) and a second cluster. */
class RemoveIT {
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

    @BeforeEach
    void loadCluster() {
        dcs.deletePrefix("/service/");
        CaptureLoader.load(dcs, CaptureLoader.capture("healthy"));
        dcs.put("/service/other/config", "{}", 0);
    }

    private static String[] withDcs(String... args) {
        List<String> full = new ArrayList<>(List.of("--compat", "3.0", "-d",
                "etcd3://127.0.0.1:" + etcd.members().get(0).clientPort()));
        full.addAll(List.of(args));
        return full.toArray(String[]::new);
    }

    private static int keys(String cluster) {
        return dcs.range("/service/" + cluster + "/").kvs().size();
    }

    @Test
    void threeRightAnswersDeleteEveryKeyOfTheClusterOnly() {
        int before = keys("demo");
        assertTrue(before > 5, "capture loaded: " + before);
        CliRun run = CliRun.answering(List.of("demo", "Yes I am aware", "node1"), Map.of(), withDcs("remove", "demo"));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(Captures.text("healthy", "patronictl-list.txt")
                + "Please confirm the cluster name to remove: demo\n"
                + "You are about to remove all information in DCS for demo, please type: \"Yes I am aware\": "
                + "Yes I am aware\n"
                + "This cluster currently is healthy. Please specify the leader name to continue: node1\n", run.out());
        assertEquals(0, keys("demo"));
        assertEquals(1, keys("other"));
    }

    @Test
    void eachWrongAnswerStopsWithPatronictlsMessageAndDeletesNothing() {
        int before = keys("demo");
        CliRun name = CliRun.answering(List.of("dmo"), Map.of(), withDcs("remove", "demo"));
        assertEquals(1, name.exitCode());
        assertEquals("Error: Cluster names specified do not match\n", name.err());
        CliRun aware = CliRun.answering(List.of("demo", "yes"), Map.of(), withDcs("remove", "demo"));
        assertEquals(1, aware.exitCode());
        assertEquals("Error: You did not exactly type \"Yes I am aware\"\n", aware.err());
        CliRun leader = CliRun.answering(List.of("demo", "Yes I am aware", "node2"), Map.of(), withDcs("remove", "demo"));
        assertEquals(1, leader.exitCode());
        assertEquals("Error: You did not specify the current leader of the cluster\n", leader.err());
        CliRun eof = CliRun.answering(List.of("demo"), Map.of(), withDcs("remove", "demo"));
        assertEquals(1, eof.exitCode());
        assertEquals("Aborted!\n", eof.err());
        assertEquals(before, keys("demo"));
    }

    @Test
    void withoutATerminalTheErrorNamesTheOptionsThatAnswer() {
        CliRun run = CliRun.pgha(withDcs("remove", "demo"));
        assertEquals(1, run.exitCode());
        assertEquals("Error: standard input is not a terminal, so \"Please confirm the cluster name to remove\" cannot "
                + "be asked: pass --confirm-cluster NAME\n", run.err());
        CliRun leader = CliRun.pgha(withDcs("remove", "demo", "--confirm-cluster", "demo", "--i-am-aware"));
        assertEquals(1, leader.exitCode());
        assertEquals("Error: standard input is not a terminal, so \"This cluster currently is healthy. Please specify "
                + "the leader name to continue\" cannot be asked: pass --confirm-leader MEMBER\n", leader.err());
        assertTrue(keys("demo") > 5);
    }

    @Test
    void theOptionsAnswerForAScript() {
        CliRun wrong = CliRun.pgha(withDcs("remove", "demo", "--confirm-cluster", "demo", "--i-am-aware",
                "--confirm-leader", "node3"));
        assertEquals(1, wrong.exitCode());
        assertEquals("Error: You did not specify the current leader of the cluster\n", wrong.err());
        CliRun run = CliRun.pgha(withDcs("remove", "demo", "-f", "tsv", "--confirm-cluster", "demo", "--i-am-aware",
                "--confirm-leader", "node1"));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(Captures.text("healthy", "patronictl-list-tsv.txt"), run.out());
        assertEquals(0, keys("demo"));
        CliRun leaderless = CliRun.pgha(withDcs("remove", "other", "--confirm-cluster", "other", "--i-am-aware"));
        assertEquals(0, leaderless.exitCode(), leaderless.toString());
        assertEquals(0, keys("other"));
    }
}
