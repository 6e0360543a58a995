package io.pgha.ha;

/**
 * The conditions of a restart request (ha-loop.md §19.1), already validated: restart only when the
 * node's role is {@code role}, only when the running server is older than {@code postgresVersion}, only
 * when a restart is pending. Null and false mean "no condition".
 *
 * @param role {@code primary}, {@code standby_leader} or {@code replica}; null for any role
 * @param postgresVersion {@code X.Y} or {@code X.Y.Z}; null for any version
 * @param onlyIfPending Patroni restarts "only if pending" whenever the request names {@code restart_pending}
 */
public record RestartFilters(String role, String postgresVersion, boolean onlyIfPending) {
    public static final RestartFilters NONE = new RestartFilters(null, null, false);

    public RestartFilters {
        if (postgresVersion != null) {
            RestartRules.versionNumber(postgresVersion);
        }
    }
}
