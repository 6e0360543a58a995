package io.pgha.postgres;

/**
 * The data directory's state with a one-line detail (the OS error, pg_controldata's complaint) and,
 * when initialized, the system identifier and major version.
 */
public record DataDirectoryStatus(DataDirectoryState state, String detail, String systemIdentifier,
        int majorVersion) {
    static DataDirectoryStatus of(DataDirectoryState state, String detail) {
        return new DataDirectoryStatus(state, PostgresException.oneLine(detail), null, 0);
    }

    public boolean isEmptyOrMissing() {
        return state == DataDirectoryState.EMPTY || state == DataDirectoryState.MISSING;
    }
}
