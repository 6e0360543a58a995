package io.pgha.agent;

import io.pgha.ha.DataDirectory;
import io.pgha.ha.LocalState;
import io.pgha.ha.PostgresState;
import io.pgha.postgres.ControlData;
import io.pgha.postgres.DataDirectoryInspection;
import io.pgha.postgres.DataDirectoryStatus;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PostmasterState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The local PostgreSQL as the loop sees it at the start of a cycle, and the state string the member key
 * publishes. Executors set the state while they act ({@code starting}, {@code creating replica}…); a
 * look at the server moves it to {@code running} once it accepts connections, and to {@code crashed}
 * when a server believed up is gone while no task was handling it.
 */
final class LocalPostgres {
    private final Supplier<io.pgha.postgres.Postgres> holder;
    private io.pgha.postgres.Postgres monitored;
    private io.pgha.postgres.StatusMonitor monitor;
    private DataDirectoryInspection inspected;
    private io.pgha.postgres.Postgres inspectedFor;
    private Long inspectedPid;
    private PostgresState state = PostgresState.STOPPED;
    private Instant since;
    private LocalPostgresStatus lastStatus = new LocalPostgresStatus(PostmasterState.STOPPED, null, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null);

    LocalPostgres(Supplier<io.pgha.postgres.Postgres> holder) {
        this.holder = holder;
    }

    synchronized void state(PostgresState value, Instant at) {
        if (value != state) {
            state = value;
            since = at;
        }
    }

    synchronized PostgresState state() {
        return state;
    }

    /** The server as last looked at (status queries); a stopped status before the first look. */
    synchronized LocalPostgresStatus lastStatus() {
        return lastStatus;
    }

    /** What one look found, for the decision and for publishing. */
    record Observation(LocalState.Builder facts, LocalPostgresStatus status) {
    }

    /**
     * Looks at the data directory, pg_controldata and the server. {@code taskRunning}: a background task
     * owns the server's fate, so a missing postmaster is not a crash.
     */
    Observation observe(Instant now, boolean taskRunning) {
        var postgres = holder.get();
        LocalPostgresStatus status = monitor(postgres).status();
        DataDirectoryInspection inspection = inspect(postgres, status);
        DataDirectoryStatus directory = inspection.status();
        ControlData control = directory.state() == io.pgha.postgres.DataDirectoryState.INITIALIZED
                ? inspection.controlData() : null;
        boolean running = status.state() != PostmasterState.STOPPED;
        PostgresState published = track(status, running, taskRunning, now);
        LocalState.Builder facts = LocalState.builder()
                .dataDirectory(dataDirectory(directory))
                .dataDirectoryError(directory.detail())
                .sysid(directory.systemIdentifier())
                .controlState(control == null || control.clusterState() == ControlData.ClusterState.UNKNOWN
                        ? null : control.clusterState().text())
                .running(running)
                .state(published)
                .stateSince(sinceOr(now))
                .inRecovery(status.inRecovery() == null || status.inRecovery())
                .timeline(status.timeline() == null ? null : status.timeline().longValue())
                .walPosition(status.xlogLocation())
                .receiveLsn(status.receivedLsn())
                .replayLsn(status.replayedLsn())
                .replicationState(status.replicationState())
                .serverVersion(status.serverVersion())
                .recoveryConfigured(exists(postgres.settings().dataDir(), "standby.signal")
                        || exists(postgres.settings().dataDir(), "recovery.signal"))
                .restoredFromBackup(exists(postgres.settings().dataDir(), "backup_label"))
                .rewindCapable(control != null && control.rewindCapable() && rewindInstalled(postgres));
        return new Observation(facts, status);
    }

    /**
     * The data directory and pg_controldata, read again unless the same postmaster still accepts
     * connections: then nothing the decisions read from them can have changed (the cluster state they
     * report is only looked at for a stopped server), and the look saves a process per cycle.
     */
    private synchronized DataDirectoryInspection inspect(io.pgha.postgres.Postgres postgres, LocalPostgresStatus status) {
        boolean same = status.state() == PostmasterState.RUNNING && inspected != null && inspectedFor == postgres
                && java.util.Objects.equals(inspectedPid, status.postmasterPid());
        if (!same) {
            inspected = postgres.inspectDataDirectory();
            inspectedFor = postgres;
            inspectedPid = status.state() == PostmasterState.RUNNING ? status.postmasterPid() : null;
        }
        return inspected;
    }

    /** The server now, over the kept connection (a promote waits for the end of recovery with it). */
    LocalPostgresStatus currentStatus() {
        return monitor(holder.get()).status();
    }

    /** The kept-connection status reader of the current settings (a new one after a /config change). */
    private synchronized io.pgha.postgres.StatusMonitor monitor(io.pgha.postgres.Postgres postgres) {
        if (postgres != monitored) {
            if (monitor != null) {
                monitor.close();
            }
            monitor = postgres.statusMonitor();
            monitored = postgres;
        }
        return monitor;
    }

    synchronized void close() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private synchronized PostgresState track(LocalPostgresStatus status, boolean running, boolean taskRunning,
                                             Instant now) {
        lastStatus = status;
        if (status.state() == PostmasterState.RUNNING) {
            state(PostgresState.RUNNING, now);
        } else if (status.state() == PostmasterState.STARTING && !state.isStarting()) {
            state(PostgresState.STARTING, now);
        } else if (!running && !taskRunning && (state == PostgresState.RUNNING || state.isStarting())) {
            state(PostgresState.CRASHED, now);
        }
        return state;
    }

    private synchronized Instant sinceOr(Instant now) {
        if (since == null) {
            since = now;
        }
        return since;
    }

    private static DataDirectory dataDirectory(DataDirectoryStatus status) {
        return switch (status.state()) {
            case MISSING -> DataDirectory.MISSING;
            case EMPTY -> DataDirectory.EMPTY;
            case INACCESSIBLE -> DataDirectory.INACCESSIBLE;
            case INITIALIZED, INVALID -> DataDirectory.INITIALIZED;
        };
    }

    private static boolean rewindInstalled(io.pgha.postgres.Postgres postgres) {
        String binary = postgres.settings().binary("pg_rewind");
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    private static boolean exists(Path dataDir, String file) {
        return Files.exists(dataDir.resolve(file));
    }
}
