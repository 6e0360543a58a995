package io.pgha.api;

/**
 * What {@code POST /failsafe} asks of the agent (rest-api.md, ha-loop.md §7.2): remember the primary
 * that posted, so the HA loop keeps following it for {@code ttl} while the DCS is unreachable.
 */
public interface FailsafeControl {

    /** The primary's {@code name}, {@code conn_url} and {@code api_url} as it posted them (the last two may be null). */
    void acceptLeader(String name, String connUrl, String apiUrl);
}
