package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Switchover, failover, their schedules and maintenance mode: the leader changes hands or stays put. */
interface HandoverScenarios extends OperatedCluster {
    @Test
    default void forcedSwitchoverToANamedCandidateMakesItTheLeader() throws Exception {
        String before = leader();
        String candidate = aReplica(before);
        CliRun run = pgha("switchover", "--candidate", candidate, "--force");
        assertEquals(0, run.exitCode(), run + "\n" + logTails());
        assertTrue(run.out().startsWith("Current cluster topology\n"), run.toString());
        assertTrue(run.out().contains(" Successfully switched over to \"" + candidate + "\"\n"), run.toString());
        assertEquals(candidate, leader());
    }

    @Test
    default void switchoverAsksPatronictlsQuestionsInOrder() throws Exception {
        String before = leader();
        String candidate = aReplica(before);
        CliRun run = answering(List.of("", candidate, "now", "y"), "switchover", "ops");
        assertEquals(0, run.exitCode(), run + "\n" + logTails());
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
    default void scheduledSwitchoverShowsInListAndFlushCancelsIt() throws Exception {
        String before = leader();
        String candidate = aReplica(before);
        CliRun schedule = pgha("switchover", "ops", "--candidate", candidate, "--scheduled", OperatedCluster.inOneHour(), "--force");
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
    default void switchoverScheduledInThePastIsRefusedByPatroniWithExitCode3() throws Exception {
        String before = leader();
        CliRun run = pgha("switchover", "ops", "--candidate", aReplica(before), "--scheduled", "2020-01-01T00:00:00+00:00",
                "--force");
        assertEquals(ExitCode.OPERATION_FAILED, run.exitCode(), run.toString());
        assertTrue(run.out().endsWith("Switchover failed, details: 422, Cannot schedule switchover in the past\n"),
                run.toString());
        assertEquals(before, leader());
    }

    @Test
    default void failoverToAnUnknownCandidateIsRefusedWithPatronictlsMessage() throws Exception {
        String before = leader();
        CliRun run = pgha("failover", "ops", "--candidate", "node9", "--force");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("Error: Member node9 does not exist in cluster ops or is tagged as nofailover\n", run.err());
        CliRun old = pgha("--compat", "3.0", "failover", "ops", "--candidate", before, "--force");
        assertEquals("Error: Failover target and source are the same.\n", old.err());
        assertEquals(before, leader());
    }

    @Test
    default void failoverToANamedReplicaPromotesIt() throws Exception {
        String candidate = aReplica(leader());
        CliRun run = answering(List.of("y"), "failover", "ops", "--candidate", candidate);
        assertEquals(0, run.exitCode(), run + "\n" + logTails());
        assertTrue(run.out().contains("Successfully failed over to \"" + candidate + "\""), run.toString());
        assertEquals(candidate, leader());
    }

    @Test
    default void pauseAndResumeWaitForEveryMember() {
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
}
