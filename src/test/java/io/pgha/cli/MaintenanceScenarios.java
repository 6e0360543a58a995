package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
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
        Map<String, String> before = pendingReasons();
        CliRun first = pgha("restart", "ops", "--pending", "--force");
        assertEquals(0, first.exitCode(), first.toString());
        for (String name : memberNames()) {
            assertEquals(before.containsKey(name), first.out().contains("Success: restart on member " + name),
                    "pending before: " + before + "\n" + first);
        }

        int connections = 60 + (int) (System.nanoTime() % 20);
        CliRun edit = pgha("edit-config", "ops", "-p", "max_connections=" + connections, "--force");
        assertEquals(0, edit.exitCode(), edit.toString());
        awaitMaxConnectionsPending(true);

        CliRun run = pgha("restart", "ops", "--pending", "--force");
        assertEquals(0, run.exitCode(), run.toString());
        for (String name : memberNames()) {
            assertTrue(run.out().contains("Success: restart on member " + name), run.toString());
        }
        awaitMaxConnectionsPending(false);
    }

    /** member → Pending restart reason, for the members {@code pgha list} marks with a pending restart. */
    default Map<String, String> pendingReasons() throws Exception {
        CliRun list = pgha("list", "-f", "json");
        Map<String, String> pending = new TreeMap<>();
        for (JsonNode row : new ObjectMapper().readTree(list.out())) {
            if (row.path("Pending restart").asText().equals("*")) {
                pending.put(row.path("Member").asText(), row.path("Pending restart reason").asText());
            }
        }
        return pending;
    }

    /** Until every member (or none) waits for a restart to apply the new max_connections. */
    default void awaitMaxConnectionsPending(boolean pending) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, String> reasons = pendingReasons();
            // Patroni 3.0.2 publishes no reason: its flag alone counts
            long flagged = reasons.values().stream().filter(r -> r.isEmpty() || r.contains("max_connections")).count();
            if (pending ? flagged == memberNames().size() : flagged == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("max_connections pending restart never became " + pending + ": " + reasons);
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
