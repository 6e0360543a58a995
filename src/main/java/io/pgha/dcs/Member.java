package io.pgha.dcs;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code members/<name>} key as published by a Patroni or pgha agent (keyspace.md §3.1).
 * Optional fields are null when absent. {@code data} is the whole parsed document, unknown fields
 * included, so nothing written by a newer peer is lost on rewrite.
 */
public record Member(
        String name,
        long modRevision,
        long lease,
        String connUrl,
        String apiUrl,
        String state,
        String role,
        String version,
        String proxyUrl,
        Map<String, Object> tags,
        boolean pendingRestart,
        Map<String, Object> pendingRestartReason,
        Long xlogLocation,
        Long replayLsn,
        Long receiveLsn,
        String replicationState,
        Integer timeline,
        Map<String, Object> scheduledRestart,
        boolean pause,
        Boolean checkpointAfterPromote,
        Map<String, Object> data) {

    public Member {
        tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
    }

    /** A member known only by name (leader key naming a member without a key, or an unparsable value). */
    public static Member placeholder(String name, long modRevision, long lease) {
        return new Member(name, modRevision, lease, null, null, null, null, null, null, null, false, null,
                null, null, null, null, null, null, false, null, null);
    }

    /** Patroni 4.x writes "primary", 3.x "master": both mean the same. */
    public boolean isPrimaryRole() {
        return "primary".equals(role) || "master".equals(role);
    }

    public boolean isStandbyLeaderRole() {
        return "standby_leader".equals(role);
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    /** Boolean tag such as nofailover, nosync, noloadbalance (Patroni accepts true-ish strings too). */
    public boolean tag(String name) {
        Object value = tags.get(name);
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("on")
                || s.equalsIgnoreCase("yes") || s.equals("1"));
    }

    public boolean noFailover() {
        return tag("nofailover");
    }

    /** The member's best-known WAL position: xlog_location, else max(receive, replay). */
    public Optional<Long> lsn() {
        if (xlogLocation != null) {
            return Optional.of(xlogLocation);
        }
        if (receiveLsn != null || replayLsn != null) {
            return Optional.of(Math.max(receiveLsn == null ? 0 : receiveLsn, replayLsn == null ? 0 : replayLsn));
        }
        return Optional.empty();
    }

    /** Host and port of the PostgreSQL server from conn_url, if it parses. */
    public Optional<HostPort> postgresAddress() {
        if (connUrl == null || connUrl.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(connUrl);
            String host = uri.getHost();
            if (host == null) {
                return Optional.empty();
            }
            int port = uri.getPort() == -1 ? 5432 : uri.getPort();
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return Optional.of(new HostPort(host, port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A REST URL on this member's API with {@code path} in place of /patroni. */
    public Optional<URI> apiEndpoint(String path) {
        if (apiUrl == null || apiUrl.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI base = URI.create(apiUrl);
            if (base.getScheme() == null || base.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new URI(base.getScheme(), null, base.getHost(), base.getPort(), path, null, null));
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Case-insensitive name match, as Patroni matches names from /sync. */
    public boolean nameMatches(String other) {
        return other != null && name.toLowerCase(Locale.ROOT).equals(other.toLowerCase(Locale.ROOT));
    }

    /** PostgreSQL host and port. */
    public record HostPort(String host, int port) {
    }
}
