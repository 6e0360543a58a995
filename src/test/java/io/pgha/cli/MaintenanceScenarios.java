package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Restart, reload and reinit of members, and flushing a scheduled restart: who leads does not change. */
interface MaintenanceScenarios extends OperatedCluster {
    @Test
    default void restartOfOneMemberRestartsItsPostgres() throws Exception {
        String member = aReplica(leader());
        long pid = postmasterPid(member).orElseThrow();
        CliRun run = pgha("restart", "ops", member, "--force");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().endsWith("Success: restart on member " + member + "\n"), run.toString());
        assertNotEquals(pid, postmasterPid(member).orElse(pid));
    }

    @Test
    default void restartOfTheReplicaRoleLeavesTheLeaderAlone() throws Exception {
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
    default void restartPendingRestartsOnlyMembersThatNeedIt() throws Exception {
        CliRun none = pgha("restart", "ops", "--pending", "--force");
        assertEquals(0, none.exitCode(), none.toString());
        assertFalse(none.out().contains("Success: restart"), "nobody needs a restart yet: " + none);

        int connections = 60 + (int) (System.nanoTime() % 20);
        CliRun edit = pgha("edit-config", "ops", "-p", "max_connections=" + connections, "--force");
        assertEquals(0, edit.exitCode(), edit.toString());
        awaitPendingRestart(true);

        CliRun run = pgha("restart", "ops", "--pending", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        for (String name : memberNames()) {
            assertTrue(run.out().contains("Success: restart on member " + name), run.toString());
        }
        awaitPendingRestart(false);
    }

    default void awaitPendingRestart(boolean pending) throws Exception {
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
    default void scheduledRestartIsFlushed() throws Exception {
        String member = aReplica(leader());
        CliRun schedule = pgha("restart", "ops", member, "--scheduled", OperatedCluster.inOneHour(), "--force");
        assertEquals(0, schedule.exitCode(), schedule.toString());
        assertTrue(schedule.out().endsWith("Success: restart scheduled on member " + member + "\n"), schedule.toString());

        awaitScheduledRestartShown(member, true);

        CliRun flush = pgha("flush", "ops", member, "restart", "--force");
        assertEquals(0, flush.exitCode(), flush.toString());
        assertTrue(flush.out().endsWith("Success: flush scheduled restart for member " + member + "\n"), flush.toString());
        awaitScheduledRestartShown(member, false);
    }

    /** Until {@code pgha list} shows (or no longer shows) a scheduled restart for {@code member}. */
    default void awaitScheduledRestartShown(String member, boolean shown) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            CliRun list = pgha("list", "-f", "json");
            boolean found = false;
            for (JsonNode row : new ObjectMapper().readTree(list.out())) {
                found |= row.path("Member").asText().equals(member) && !row.path("Scheduled restart").asText().isEmpty();
            }
            if (found == shown) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("list never " + (shown ? "showed" : "dropped") + " the scheduled restart of "
                        + member + ": " + list.out());
            }
            Thread.sleep(300);
        }
    }

    @Test
    default void reloadReachesEveryMember() {
        CliRun run = pgha("reload", "ops", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        for (String name : memberNames()) {
            assertTrue(run.out().contains("Reload request received for member " + name
                    + " and will be processed within 2 seconds\n"), run.toString());
        }
    }

    @Test
    default void reinitOfAReplicaWaitsUntilItIsDone() throws Exception {
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
    default void withoutATerminalAMissingAnswerNamesItsOption() {
        CliRun run = pgha("restart", "ops");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("pass --scheduled or --force"), run.toString());
    }
}
