package io.pgha.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a primary's synchronous-replication management reads from the server in one go: the live
 * {@code synchronous_standby_names} and {@code synchronous_commit}, its WAL flush position and the
 * standbys streaming from it.
 */
public record SynchronousFacts(String standbyNames, String synchronousCommit, long flushLsn,
                               List<ReplicationRow> standbys) {

    private static final String SETTINGS = "SELECT pg_catalog.current_setting('synchronous_standby_names'),"
            + " pg_catalog.current_setting('synchronous_commit'),"
            + " CASE WHEN pg_catalog.pg_is_in_recovery() THEN 0"
            + "  ELSE (pg_catalog.pg_current_wal_flush_lsn() - '0/0'::pg_lsn)::bigint END";
    private static final String REPLICATION = "SELECT usename, application_name, pg_catalog.host(client_addr),"
            + " state, sync_state, sync_priority, (write_lsn - '0/0'::pg_lsn)::bigint,"
            + " (flush_lsn - '0/0'::pg_lsn)::bigint, (replay_lsn - '0/0'::pg_lsn)::bigint"
            + " FROM pg_catalog.pg_stat_replication ORDER BY application_name, pid";
    /** A tiny transaction that does not wait for standbys, so newly named ones have something to confirm. */
    static final String MOVE_WAL = "DO $$ BEGIN SET LOCAL synchronous_commit = 'off';"
            + " PERFORM * FROM pg_catalog.txid_current(); END; $$";

    public SynchronousFacts {
        standbys = List.copyOf(standbys);
    }

    static SynchronousFacts query(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            String names;
            String commit;
            long flush;
            try (ResultSet rs = statement.executeQuery(SETTINGS)) {
                rs.next();
                names = rs.getString(1);
                commit = rs.getString(2);
                flush = rs.getLong(3);
            }
            List<ReplicationRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(REPLICATION)) {
                while (rs.next()) {
                    rows.add(new ReplicationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), longOrNull(rs, 7), longOrNull(rs, 8), longOrNull(rs, 9)));
                }
            }
            return new SynchronousFacts(names, commit, flush, rows);
        }
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
