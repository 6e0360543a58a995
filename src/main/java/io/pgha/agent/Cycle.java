package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.ha.HaSettings;
import io.pgha.ha.LocalState;
import io.pgha.ha.Timings;
import io.pgha.postgres.LocalPostgresStatus;
import java.time.Instant;

/**
 * One HA cycle's inputs as the executors need them: the clock read once, the cluster view (null when it
 * could not be read), the settings and local facts the decision was made on.
 */
record Cycle(Instant now, Cluster view, HaSettings settings, Timings timings, LocalState local,
             LocalPostgresStatus status) {
}
