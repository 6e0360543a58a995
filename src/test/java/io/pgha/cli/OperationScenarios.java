package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pgha's operation commands against a real three-node cluster with loop_wait 2, scope {@code ops}, through the
 * members' REST APIs. Every test starts from a healthy cluster and leaves one behind (who leads may change).
 * Subclasses start the cluster once per class: Patroni 3.0.2 nodes or pgha agents.
 */
abstract class OperationScenarios {
    static final Duration HEALTHY = Duration.ofSeconds(120);

    /** A node's patroni.yml: the CLI reads the cluster with it. */
    abstract String configFile();

    abstract List<String> memberNames();

    abstract OptionalLong postmasterPid(String member);

    abstract URI restUrl(String member);

    abstract void awaitHealthy();

    @BeforeEach
    void healthy() {
        awaitHealthy();
    }

    CliRun pgha(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = configFile();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.pgha(all);
    }

    CliRun answering(List<String> answers, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = configFile();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.answering(answers, Map.of(), all);
    }

    /** member name → Role as {@code pgha list -f json} shows it. */
    Map<String, String> roles() throws Exception {
        CliRun list = pgha("list", "-f", "json");
        assertEquals(0, list.exitCode(), list.toString());
        Map<String, String> roles = new TreeMap<>();
        for (JsonNode row : new ObjectMapper().readTree(list.out())) {
            roles.put(row.path("Member").asText(), row.path("Role").asText());
        }
        return roles;
    }

    String leader() throws Exception {
        return roles().entrySet().stream().filter(e -> e.getValue().equals("Leader")).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    String aReplica(String leader) {
        return memberNames().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
    }

    private static String inOneHour() {
        return OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    @Test
    void forcedSwitchoverToANamedCandidateMakesItTheLeader() throws Exception {
        String before = leader();
        String candidate = aReplica(before);
        CliRun run = pgha("switchover", "--candidate", candidate, "--force");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Current cluster topology\n"), run.toString());
        assertTrue(run.out().contains(" Successfully switched over to \"" + candidate + "\"\n"), run.toString());
        assertEquals(candidate, leader());
    }

    @Test
    void switchoverAsksPatronictlsQuestionsInOrder() throws Exception {
        String before = leader();
        String candidate = aReplica(before);
        CliRun run = answering(List.of("", candidate, "now", "y"), "switchover", "ops");
        assertEquals(0, run.exitCode(), run.toString());
        String out = run.out();
        int primary = out.indexOf("Primary [" + before + "]: ");
        int candidates = out.indexOf("Candidate ['");
        int when = out.indexOf("When should the switchover take place (e.g. ");
        int sure = out.indexOf("Are you sure you want to switchover cluster ops, demoting current leader " + before + "? [y/N]: ");
        assertTrue(primary > 0 && candidates > primary && when > candidates && sure > when, out);
        assertTrue(out.contains("Successfully switched over to \"" + candidate + "\""), out);
        assertEquals(candidate, leader());
    }

    @Test
    void scheduledSwitchoverShowsInListAndFlushCancelsIt() throws Exception {
        String before = leader();
        String candidate = aReplica(before);
        CliRun schedule = pgha("switchover", "ops", "--candidate", candidate, "--scheduled", inOneHour(), "--force");
        assertEquals(0, schedule.exitCode(), schedule.toString());
        assertTrue(schedule.out().contains(" Switchover scheduled\n"), schedule.toString());
        assertTrue(pgha("list").out().contains(" Switchover scheduled at: "), "list shows the schedule");

        CliRun flush = pgha("flush", "ops", "switchover");
        assertEquals(0, flush.exitCode(), flush.toString());
        assertEquals("Success: scheduled switchover deleted\n", flush.out());
        assertFalse(pgha("list").out().contains("Switchover scheduled"), "list no longer shows a schedule");

        CliRun again = pgha("flush", "ops", "switchover");
        assertEquals("No pending scheduled switchover\n", again.out());
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(before, leader());
    }

    @Test
    void switchoverScheduledInThePastIsRefusedByPatroniWithExitCode3() throws Exception {
        String before = leader();
        CliRun run = pgha("switchover", "ops", "--candidate", aReplica(before), "--scheduled", "2020-01-01T00:00:00+00:00",
                "--force");
        assertEquals(ExitCode.OPERATION_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().endsWith("Switchover failed, details: 422, Cannot schedule switchover in the past\n"),
                run.toString());
        assertEquals(before, leader());
    }

    @Test
    void failoverToAnUnknownCandidateIsRefusedWithPatronictlsMessage() throws Exception {
        String before = leader();
        CliRun run = pgha("failover", "ops", "--candidate", "node9", "--force");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: Member node9 does not exist in cluster ops or is tagged as nofailover\n", run.err());
        CliRun old = pgha("--compat", "3.0", "failover", "ops", "--candidate", before, "--force");
        assertEquals("Error: Failover target and source are the same.\n", old.err());
        assertEquals(before, leader());
    }

    @Test
    void failoverToANamedReplicaPromotesIt() throws Exception {
        String candidate = aReplica(leader());
        CliRun run = answering(List.of("y"), "failover", "ops", "--candidate", candidate);
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Successfully failed over to \"" + candidate + "\""), run.toString());
        assertEquals(candidate, leader());
    }

    @Test
    void restartOfOneMemberRestartsItsPostgres() throws Exception {
        String member = aReplica(leader());
        long pid = postmasterPid(member).orElseThrow();
        CliRun run = pgha("restart", "ops", member, "--force");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().endsWith("Success: restart on member " + member + "\n"), run.toString());
        assertNotEquals(pid, postmasterPid(member).orElse(pid));
    }

    @Test
    void restartOfTheReplicaRoleLeavesTheLeaderAlone() throws Exception {
        String leader = leader();
        long leaderPid = postmasterPid(leader).orElseThrow();
        CliRun run = pgha("restart", "ops", "-r", "replica", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        for (String name : memberNames()) {
            assertEquals(!name.equals(leader), run.out().contains("Success: restart on member " + name), run.toString());
        }
        assertEquals(leaderPid, postmasterPid(leader).orElseThrow());
    }

    @Test
    void restartPendingRestartsOnlyMembersThatNeedIt() throws Exception {
        CliRun none = pgha("restart", "ops", "--pending", "--force");
        assertEquals(0, none.exitCode(), none.toString());
        assertFalse(none.out().contains("Success: restart"), "nobody needs a restart yet: " + none);

        int connections = 60 + (int) (System.nanoTime() % 20);
        HttpResponse<String> patched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        restUrl(memberNames().get(0)).resolve("/config"))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"postgresql\": {\"parameters\": {\"max_connections\": " + connections + "}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, patched.statusCode(), patched.body());
        awaitPendingRestart(true);

        CliRun run = pgha("restart", "ops", "--pending", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        for (String name : memberNames()) {
            assertTrue(run.out().contains("Success: restart on member " + name), run.toString());
        }
        awaitPendingRestart(false);
    }

    void awaitPendingRestart(boolean pending) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            CliRun list = pgha("list", "-f", "json");
            long flagged = 0;
            for (JsonNode row : new ObjectMapper().readTree(list.out())) {
                flagged += row.path("Pending restart").asText().equals("*") ? 1 : 0;
            }
            if (pending ? flagged == memberNames().size() : flagged == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pending restart never became " + pending + ": " + list.out());
            }
            Thread.sleep(500);
        }
    }

    @Test
    void scheduledRestartIsFlushed() throws Exception {
        String member = aReplica(leader());
        CliRun schedule = pgha("restart", "ops", member, "--scheduled", inOneHour(), "--force");
        assertEquals(0, schedule.exitCode(), schedule.toString());
        assertTrue(schedule.out().endsWith("Success: restart scheduled on member " + member + "\n"), schedule.toString());

        CliRun flush = pgha("flush", "ops", member, "restart", "--force");
        assertEquals(0, flush.exitCode(), flush.toString());
        assertTrue(flush.out().endsWith("Success: flush scheduled restart for member " + member + "\n"), flush.toString());
    }

    @Test
    void reloadReachesEveryMember() {
        CliRun run = pgha("reload", "ops", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        for (String name : memberNames()) {
            assertTrue(run.out().contains("Reload request received for member " + name
                    + " and will be processed within 2 seconds\n"), run.toString());
        }
    }

    @Test
    void pauseAndResumeWaitForEveryMember() {
        CliRun pause = pgha("pause", "ops", "--wait");
        try {
            assertEquals(0, pause.exitCode(), pause.toString());
            assertEquals("'pause' request sent, waiting until it is recognized by all nodes\n"
                    + "Success: cluster management is paused\n", pause.out());
            assertTrue(pgha("list").out().contains(" Maintenance mode: on\n"), "list shows maintenance mode");
            CliRun again = pgha("pause", "ops");
            assertEquals(1, again.exitCode(), again.toString());
            assertEquals("Error: Cluster is already paused\n", again.err());
        } finally {
            CliRun resume = pgha("resume", "ops", "--wait");
            assertEquals(0, resume.exitCode(), resume.toString());
            assertEquals("'resume' request sent, waiting until it is recognized by all nodes\n"
                    + "Success: cluster management is resumed\n", resume.out());
        }
        assertFalse(pgha("list").out().contains("Maintenance mode"), "list no longer shows maintenance mode");
    }

    @Test
    void reinitOfAReplicaWaitsUntilItIsDone() throws Exception {
        String member = aReplica(leader());
        CliRun run = pgha("reinit", "ops", member, "--force", "--wait");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Success: reinitialize for member " + member + "\n"
                + "Waiting for reinitialize to complete on: " + member + "\n"), run.toString());
        assertTrue(run.out().endsWith("Reinitialize is completed on: " + member + "\n"), run.toString());
        awaitHealthy();
        assertEquals("Replica", roles().get(member));
    }

    @Test
    void withoutATerminalAMissingAnswerNamesItsOption() {
        CliRun run = pgha("restart", "ops");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("pass --scheduled or --force"), run.toString());
    }

}
