package io.pgha.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@link Postgres#status()} over one kept connection, for a caller that asks every few seconds (the
 * agent's loop): no new backend per look. The connection is dropped when a query fails or the postmaster
 * changes, and opened again on the next look.
 */
public final class StatusMonitor implements AutoCloseable {
    private final Postgres postgres;
    private Connection connection;
    private long connectedTo;

    StatusMonitor(Postgres postgres) {
        this.postgres = postgres;
    }

    public synchronized LocalPostgresStatus status() {
        Optional<PostmasterPid> pid = postgres.postmaster();
        if (pid.isEmpty() || !PostmasterPid.READY.equals(pid.get().status()) && !PostmasterPid.STANDBY.equals(pid.get().status())) {
            close();
            return postgres.status();
        }
        try {
            if (connection == null || connectedTo != pid.get().pid() || connection.isClosed()) {
                close();
                connection = postgres.connectLocal();
                connectedTo = pid.get().pid();
            }
            return StatusQueries.query(connection, pid.get(), postgres.desiredCommandLine());
        } catch (SQLException | PostgresException e) {
            close();
            return postgres.status();
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the server went away first
            }
            connection = null;
        }
    }
}
