package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.cli.render.Surface;
import io.pgha.dcs.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** restart, reload, reinit, flush, pause and resume against the captured cluster (node1 leads): questions, checks, requests. */
class MemberOperationsTest {

    private static RestartCommand restart(String... members) {
        RestartCommand command = new RestartCommand();
        command.target.name = "demo";
        command.memberNames = new ArrayList<>(List.of(members));
        return command;
    }

    @Test
    void restartAsksWhenThenConfirmsThenAsksTheVersionAndRestartsEveryMember() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy")
                .answer(200, "restarted").answer(200, "restarted").answer(503, "restart conditions are not satisfied");
        var outcome = access.run(List.of("", "y", ""), restart()::run);
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("-+\n"
                + "When should the restart take place (e.g. 2026-11-25T23:01)  [now]: \n"
                + "Are you sure you want to restart members node1, node2, node3? [y/N]: y\n"
                + "Restart if the PostgreSQL version is less than provided (e.g. 9.5.2)  []: \n"
                + "Success: restart on member node1\n"
                + "Success: restart on member node2\n"
                + "Failed: restart for member node3, status code=503, (restart conditions are not satisfied)\n"),
                outcome.out());
        assertEquals(List.of("node1", "node2", "node3"), access.calls.stream().map(FakeClusterAccess.Call::member).toList());
        assertEquals("{}", access.calls.get(0).body());
    }

    @Test
    void scheduledRestartConfirmsTheTimeAndSendsTheFilters() {
        RestartCommand command = restart("node2");
        command.scheduled = "2026-11-26T01:02:00+00:00";
        command.pgVersion = "15.99";
        command.timeout = "30";
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(202, "Restart scheduled");
        var outcome = access.run(List.of("y"), command::run);
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("Are you sure you want to schedule restart of members node2 at "
                + "2026-11-26 01:02:00+00:00? [y/N]: y\nSuccess: restart scheduled on member node2\n"), outcome.out());
        assertEquals("{\"postgres_version\": \"15.99\", \"schedule\": \"2026-11-26T01:02:00+00:00\", \"timeout\": \"30\"}",
                access.calls.get(0).body());
    }

    @Test
    void pendingRestartNowGoesOnlyToMembersThatNeedIt() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy", v -> v.contains("127.0.0.1:5533")
                ? v.replaceFirst("\\{", "{\"pending_restart\": true, ") : v).answer(200, "restarted");
        RestartCommand command = restart();
        command.pending = true;
        command.force.force = true;
        var outcome = access.run(List.of(), command::run);
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals(List.of(new FakeClusterAccess.Call("node2", "POST", "/restart", "{\"restart_pending\": true}")),
                access.calls);
    }

    @Test
    void aScheduledPendingRestartWarnsThatTheMembersMayChange() {
        RestartCommand command = restart();
        command.pending = true;
        command.scheduled = "2026-11-26T01:02";
        var outcome = FakeClusterAccess.capture("healthy").run(List.of("n"), command::run);
        assertTrue(outcome.out().contains("The nodes needing a restart will be identified at the scheduled time, and might "
                + "be different from the ones showing pending restart right now. Is this fine? [y/N]: n\n"), outcome.out());
        assertEquals("Aborted scheduled restart", outcome.error().getMessage());
    }

    @Test
    void anyPicksOneMemberBeforeTheConfirmationAnd30AfterIt() {
        RestartCommand command = restart();
        command.any = true;
        command.scheduled = "now";
        command.pgVersion = "";
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(200, "restarted");
        var outcome = access.run(List.of("y"), command::run);
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().matches("(?s).*Are you sure you want to restart members node\\d\\? \\[y/N\\]: y\n.*"),
                outcome.out());
        assertEquals(1, access.calls.size());

        FakeClusterAccess old = FakeClusterAccess.capture("healthy").answer(200, "restarted");
        var oldOutcome = old.run(List.of("y"), Surface.PATRONI_3_0, command::run);
        assertTrue(oldOutcome.out().contains("Are you sure you want to restart members node1, node2, node3? [y/N]: y\n"),
                oldOutcome.out());
        assertEquals(1, old.calls.size());
    }

    @Test
    void anInvalidVersionIsRefusedWithPatronisMessage() {
        RestartCommand command = restart("node1");
        command.pgVersion = "9.6";
        command.force.force = true;
        var outcome = FakeClusterAccess.capture("healthy").run(List.of(), command::run);
        assertEquals("Invalid PostgreSQL version format: X.Y or X.Y.Z is accepted: 9.6", outcome.error().getMessage());
    }

    @Test
    void namesOutsideTheRoleAreRefusedQuotedAs4xDoes() {
        RestartCommand command = restart("node1");
        command.role = MemberRole.REPLICA;
        command.force.force = true;
        var outcome = FakeClusterAccess.capture("healthy").run(List.of(), command::run);
        assertEquals("No 'replica' among provided members", outcome.error().getMessage());
        var old = FakeClusterAccess.capture("healthy").run(List.of(), Surface.PATRONI_3_0, command::run);
        assertEquals("No replica among provided members", old.error().getMessage());
    }

    @Test
    void reloadSaysWithinHowManySecondsTheMemberActs() {
        ReloadCommand command = new ReloadCommand();
        command.target.name = "demo";
        command.memberNames = List.of("node3");
        command.force.force = true;
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(202, "reload scheduled");
        var outcome = access.run(List.of(), command::run);
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("+\nReload request received for member node3 and will be processed within 10 "
                + "seconds\n"), outcome.out());
    }

    @Test
    void reinitAsksWhichReplicaAndRetriesWithForceWhenOneIsInProgress() {
        ReinitCommand command = new ReinitCommand();
        command.target.name = "demo";
        FakeClusterAccess access = FakeClusterAccess.capture("healthy")
                .answer(503, "reinitialize already in progress").answer(200, "reinitialize started");
        var outcome = access.run(List.of("node3", "y", "y"), command::run);
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().contains("Which member do you want to reinitialize [node2, node3]? []: node3\n"
                + "Are you sure you want to reinitialize members node3? [y/N]: y\n"
                + "Failed: reinitialize for member node3, status code=503, (reinitialize already in progress)\n"
                + "Do you want to cancel it and reinitialize anyway? [y/N]: y\n"
                + "Success: reinitialize for member node3\n"), outcome.out());
        assertEquals(List.of("{\"force\": false, \"from_leader\": false}", "{\"force\": true, \"from_leader\": false}"),
                access.calls.stream().map(FakeClusterAccess.Call::body).toList());
    }

    @Test
    void reinitOfTheLeaderIsRefused() {
        ReinitCommand command = new ReinitCommand();
        command.target.name = "demo";
        command.memberNames = List.of("node1");
        var outcome = FakeClusterAccess.capture("healthy").run(List.of(), Surface.PATRONI_3_0, command::run);
        assertEquals("No replica among provided members", outcome.error().getMessage());
    }

    @Test
    void reinitWaitPollsUntilTheReplicaIsNoLongerBeingCreated() {
        ReinitCommand command = new ReinitCommand();
        command.target.name = "demo";
        command.memberNames = List.of("node2");
        command.force.force = true;
        command.await = true;
        command.pollInterval = Duration.ofMillis(10);
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(200, "reinitialize started")
                .answer(200, "{\"state\": \"creating replica\"}").answer(200, "{\"state\": \"running\"}");
        var outcome = access.run(List.of(), command::run);
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("+\nSuccess: reinitialize for member node2\n"
                + "Waiting for reinitialize to complete on: node2\nReinitialize is completed on: node2\n"), outcome.out());
    }

    private static FlushCommand flush() {
        FlushCommand command = new FlushCommand();
        command.target.name = "demo";
        return command;
    }

    private static final List<KeyValue> SCHEDULED = List.of(new KeyValue("/service/demo/failover",
            "{\"leader\":\"node1\",\"member\":\"node2\",\"scheduled_at\":\"2026-11-26T10:00:00+00:00\"}", 30, 31, 0));

    @Test
    void flushSwitchoverWithoutOneSaysSo() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy");
        var outcome = access.run(List.of(), ops -> flush().run(ops, List.of(), "switchover"));
        assertEquals("No pending scheduled switchover\n", outcome.out());
        assertTrue(access.calls.isEmpty());
    }

    @Test
    void flushSwitchoverTriesTheLeaderFirstThenTheOthers() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy", SCHEDULED)
                .answer(503, "busy").answer(200, "scheduled switchover deleted");
        var outcome = access.run(List.of(), ops -> flush().run(ops, List.of(), "switchover"));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals("Failed: member=node1, status_code=503, (busy)\nSuccess: scheduled switchover deleted\n", outcome.out());
        assertEquals(List.of("node1", "node2"), access.calls.stream().map(FakeClusterAccess.Call::member).toList());
    }

    @Test
    void flushSwitchoverClearsTheKeyItselfWhenNoMemberAnswers() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy", SCHEDULED).unreachable().unreachable().unreachable();
        var outcome = access.run(List.of(), ops -> flush().run(ops, List.of(), "switchover"));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("2026-11-25 22:01:00.00000 Could not find any accessible member of cluster demo\n"),
                outcome.out());
        assertEquals(List.of("cas {} at 31"), access.failoverWrites);
    }

    @Test
    void flushRestartConfirmsAndSkipsMembersWithoutOne() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy", v -> v.contains("127.0.0.1:5534")
                ? v.replaceFirst("\\{", "{\"scheduled_restart\": {\"schedule\": \"2026-11-26T01:02:00+00:00\"}, ") : v)
                .answer(200, "scheduled restart deleted");
        var outcome = access.run(List.of("y"), ops -> flush().run(ops, List.of("node2", "node3"), "restart"));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertTrue(outcome.out().endsWith("Are you sure you want to flush members node2, node3? [y/N]: y\n"
                + "No scheduled restart for member node2\nSuccess: flush scheduled restart for member node3\n"), outcome.out());
    }

    @Test
    void pauseOfAPausedClusterIsAnError() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy",
                v -> v.startsWith("{") && v.contains("\"loop_wait\"") ? v.replaceFirst("\\{", "{\"pause\": true, ") : v);
        var outcome = access.run(List.of(), ops -> new PauseToggle(ops, Duration.ofMillis(10)).run("demo", true, false));
        assertEquals("Cluster is already paused", outcome.error().getMessage());
        var resume = FakeClusterAccess.capture("healthy").run(List.of(),
                ops -> new PauseToggle(ops, Duration.ofMillis(10)).run("demo", false, false));
        assertEquals("Cluster is not paused", resume.error().getMessage());
    }

    @Test
    void pauseGoesToTheFirstMemberThatAnswersLeaderFirst() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").unreachable().answer(200, "{}");
        var outcome = access.run(List.of(), ops -> new PauseToggle(ops, Duration.ofMillis(10)).run("demo", true, false));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        assertEquals("Success: cluster management is paused\n", outcome.out());
        assertEquals(List.of(new FakeClusterAccess.Call("node1", "PATCH", "/config", "{\"pause\": true}"),
                new FakeClusterAccess.Call("node2", "PATCH", "/config", "{\"pause\": true}")), access.calls);
    }

    @Test
    void pauseRefusedByTheMemberExitsWith3() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy").answer(409, "Conflict");
        var outcome = access.run(List.of(), ops -> new PauseToggle(ops, Duration.ofMillis(10)).run("demo", true, false));
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertEquals("Failed: pause cluster management status code=409, (Conflict)\n", outcome.out());
    }

    @Test
    void pauseWaitGivesUpNamingTheMembersThatDidNotFollow() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy", v -> v.replaceAll("\"loop_wait\": ?10", "\"loop_wait\": 0"))
                .answer(200, "{}");
        var outcome = access.run(List.of(), ops -> new PauseToggle(ops, Duration.ofMillis(100)).run("demo", true, true));
        assertEquals(ExitCode.OPERATION_FAILED, outcome.exitCode(), outcome.toString());
        assertEquals("'pause' request sent, waiting until it is recognized by all nodes\n"
                + "node1, node2, node3 members didn't recognized pause state after 1 seconds\n", outcome.out());
    }

    @Test
    void onATerminalTheWaitShowsWhoIsStillMissingAndErasesTheLine() {
        FakeClusterAccess access = FakeClusterAccess.capture("healthy", v -> v.replaceAll("\"loop_wait\": ?10", "\"loop_wait\": 0"))
                .answer(200, "{}");
        access.terminal = true;
        var outcome = access.run(List.of(), ops -> new PauseToggle(ops, Duration.ofMillis(300)).run("demo", true, true));
        assertTrue(outcome.out().contains("\r\033[2Kwaiting for node1, node2, node3 to recognize the pause ... 0 s"),
                outcome.out());
        assertTrue(outcome.out().endsWith("\r\033[2Knode1, node2, node3 members didn't recognized pause state after 1 "
                + "seconds\n"), outcome.out());
    }

    @Test
    void flushNeedsRestartOrSwitchoverLast() {
        CliRun run = CliRun.pgha("flush", "demo", "node1", "later");
        assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'later' is not one of 'restart', 'switchover'."), run.err());
    }

    @Test
    void switchoverHelpListsPatronictlsOptions() {
        CliRun run = CliRun.patronictl("switchover", "--help");
        assertEquals(0, run.exitCode(), run.toString());
        for (String option : List.of("--leader", "--primary", "--master", "--candidate", "--scheduled", "--force", "--group")) {
            assertTrue(run.out().contains(option), option + " in\n" + run.out());
        }
    }

}
