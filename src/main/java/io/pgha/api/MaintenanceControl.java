package io.pgha.api;

import io.pgha.ha.RestartFilters;
import io.pgha.ha.ScheduledRestart;
import java.time.Duration;
import java.util.Optional;

/**
 * What the maintenance endpoints ask of the agent (rest-api.md §6.3–§6.6). The endpoints validate the
 * request; the agent checks its state and acts. Every answer is one line in Patroni's words.
 */
public interface MaintenanceControl {

    /** An immediate restart's result: {@code done} answers 200, otherwise 503 with the message. */
    record RestartAnswer(boolean done, String message) {
    }

    /**
     * Restarts PostgreSQL now and returns when it is up again (or failed, or still starting at
     * {@code timeout}).
     *
     * @param timeout the start timeout; null for {@code primary_start_timeout}
     */
    RestartAnswer restart(RestartFilters filters, Duration timeout);

    /** Stores the restart (the agent adds the postmaster's start time); false when one is already scheduled. */
    boolean scheduleRestart(ScheduledRestart restart);

    /** Forgets the scheduled restart; false when there was none. */
    boolean cancelScheduledRestart();

    /**
     * Starts re-creating this replica from the leader or its clone source in the background; the
     * refusal otherwise. {@code force} cancels a running task first.
     */
    Optional<String> reinitialize(boolean force, boolean fromLeader);

    /** Schedules a reload of the local configuration (as SIGHUP); returns at once. */
    void reload();
}
