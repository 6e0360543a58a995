package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.render.Surface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** switchover and failover against the captured cluster (node1 leads): questions, checks, requests, fallback. */
class ManualFailoverTest {

    private static FakeClusterAccess.Flow switchover(String leader, String candidate, String scheduled, boolean force) {
        return ops -> new ManualFailover(ops).run(new ManualFailover.Request("switchover", "demo", leader, candidate,
                scheduled, force));
    }

    private static FakeClusterAccess.Flow failover(String candidate, boolean force) {
        return ops -> new ManualFailover(ops).run(new ManualFailover.Request("failover", "demo", null, candidate, null,
                force));
    }

    @Test
    void switchoverAsksLeaderCandidateTimeAndConfirmationThenAsksTheLeader() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(200, "Successfully switched over to \"node2\"");
        var outcome = access.run(List.of("", "node2", "", "y"), switchover(null, null, null, false));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        String out = outcome.out();
        assertTrue(out.startsWith("Current cluster topology\n+ Cluster: demo "), out);
        assertTrue(out.contains("-+\n"
                + "Primary [node1]: \n"
                + "Candidate ['node2', 'node3'] []: node2\n"
                + "When should the switchover take place (e.g. 2026-11-25T23:01 )  [now]: \n"
                + "Are you sure you want to switchover cluster demo, demoting current leader node1? [y/N]: y\n"
                + "2026-11-25 22:01:00.00000 Successfully switched over to \"node2\"\n+ Cluster: demo"), out);
        assertEquals(List.of(new FakeClusterAccess.Call("node1", "POST", "/switchover",
                "{\"candidate\": \"node2\", \"leader\": \"node1\"}")), access.calls);
    }

    @Test
    void patronictl30SendsLeaderCandidateAndAnEmptySchedule() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(200, "Successfully switched over to \"node3\"");
        var outcome = access.run(List.of(), Surface.PATRONI_3_0, switchover(null, "node3", null, true));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals("{\"leader\": \"node1\", \"candidate\": \"node3\", \"scheduled_at\": null}", access.calls.get(0).body());
    }

    @Test
    void answeringNoAbortsBeforeAnyRequest() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy");
        var outcome = access.run(List.of("n"), switchover("node1", "node2", "now", false));
        assertEquals(1, outcome.exitCode(), outcome.toString());
        assertEquals("Aborting switchover", outcome.error().getMessage());
        assertTrue(access.calls.isEmpty());
    }

    @Test
    void scheduledSwitchoverConfirmsTheTimeAndSendsIt() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(202, "Switchover scheduled");
        var outcome = access.run(List.of("y"), switchover("node1", "node2", "2026-11-26T10:00", false));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("Are you sure you want to schedule switchover of cluster demo at "
                + "2026-11-26T10:00:00+00:00, demoting current leader node1? [y/N]: y\n"
                + "2026-11-25 22:01:00.00000 Switchover scheduled\n"), outcome.out());
        assertEquals("{\"candidate\": \"node2\", \"leader\": \"node1\", \"scheduled_at\": \"2026-11-26T10:00:00+00:00\"}",
                access.calls.get(0).body());
    }

    @Test
    void aRefusalIsPrintedAsPatroniSaysItAndExitsWith3() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(412, "switchover is not possible: no good candidates have been found");
        var outcome = access.run(List.of(), switchover(null, "node2", null, true));
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("+\nSwitchover failed, details: 412, switchover is not possible: no good "
                + "candidates have been found\n"), outcome.out());
    }

    @Test
    void anOldServerWithoutSwitchoverIsAskedForAFailover() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy")
                .answer(501, "Server does not support this operation").answer(200, "Successfully failed over to \"node2\"");
        var outcome = access.run(List.of(), switchover(null, "node2", null, true));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals(List.of("/switchover", "/failover"), access.calls.stream().map(FakeClusterAccess.Call::path).toList());
    }

    @Test
    void anUnreachableLeaderMakesPatronictlWriteTheFailoverKeyItself() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").unreachable();
        var outcome = access.run(List.of(), switchover(null, "node3", "2026-11-26T10:00:00Z", true));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("\n2026-11-25 22:01:00.00000 Could not switchover using Patroni api, "
                + "falling back to DCS\n+ Cluster: demo"), outcome.out());
        assertEquals(List.of("put {\"leader\":\"node1\",\"member\":\"node3\",\"scheduled_at\":\"2026-11-26T10:00:00+00:00\"}"),
                access.failoverWrites);
    }

    @Test
    void theLeaderNamedMustBeTheLeader() {
        var outcome = FakeClusterAccess.capture("healthy").run(List.of(), switchover("node2", null, null, true));
        assertEquals("Member node2 is not the leader of cluster demo", outcome.error().getMessage());
    }

    @Test
    void theCandidateMustBeAReplicaWithout0NoFailover() {
        var leader = FakeClusterAccess.capture("healthy").run(List.of(), switchover(null, "node1", null, true));
        assertEquals("Member node1 is already the leader of cluster demo", leader.error().getMessage());
        var unknown = FakeClusterAccess.capture("healthy").run(List.of(), failover("node7", true));
        assertEquals("Member node7 does not exist in cluster demo or is tagged as nofailover", unknown.error().getMessage());
        var old = FakeClusterAccess.capture("healthy").run(List.of(), Surface.PATRONI_3_0, switchover(null, "node1", null, true));
        assertEquals("Switchover target and source are the same.", old.error().getMessage());
        var oldUnknown = FakeClusterAccess.capture("healthy").run(List.of(), Surface.PATRONI_3_0, failover("node7", true));
        assertEquals("Member node7 does not exist in cluster demo", oldUnknown.error().getMessage());
    }

    @Test
    void aNoFailoverReplicaIsNoCandidate() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy",
                v -> v.contains("\"name\"") || !v.contains("127.0.0.1:5534") ? v
                        : v.replaceFirst("\\{", "{\"tags\": {\"nofailover\": true}, "));
        var outcome = access.run(List.of("node3"), switchover("node1", null, null, false));
        assertTrue(outcome.out().contains("Candidate ['node2'] []: node3\n"), outcome.toString());
        assertEquals("Member node3 does not exist in cluster demo or is tagged as nofailover", outcome.error().getMessage());
    }

    @Test
    void failoverNeedsACandidate() {
        var outcome = FakeClusterAccess.capture("healthy").run(List.of(), failover(null, true));
        assertEquals("Failover could be performed only to a specific candidate", outcome.error().getMessage());
    }

    @Test
    void failoverAsksOnlyTheCandidateAndConfirmation() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(200, "Successfully failed over to \"node3\"");
        var outcome = access.run(List.of("node3", "y"), failover(null, false));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("Candidate ['node2', 'node3'] []: node3\n"
                + "Are you sure you want to failover cluster demo, demoting current leader node1? [y/N]: y\n"), outcome.out());
        assertEquals(new FakeClusterAccess.Call("node1", "POST", "/failover", "{\"candidate\": \"node3\"}"),
                access.calls.get(0));
    }

    @Test
    void withoutATerminalTheMissingAnswerNamesItsOption() {
        var outcome = FakeClusterAccess.capture("healthy").run(null, switchover("node1", null, null, false));
        assertEquals(1, outcome.exitCode());
        assertEquals("standard input is not a terminal, so \"Candidate ['node2', 'node3'] []\" cannot be asked: pass "
                + "--candidate or --force", outcome.error().getMessage());
    }

    @Test
    void anUnparsableTimeIsRefusedWithPatronictlsMessage() {
        var outcome = FakeClusterAccess.capture("healthy").run(List.of(), switchover(null, "node2", "tomorrow-ish", true));
        assertEquals("Unable to parse scheduled timestamp (tomorrow-ish). It should be in an unambiguous format "
                + "(e.g. ISO 8601)", outcome.error().getMessage());
    }
}
