package io.pgha.cli.doctor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One member's answer to GET /patroni (Patroni's and pgha's agents answer alike), or why there was none.
 * Accessors read the document leniently: a field that is missing or of another type is empty.
 */
public record MemberApi(String member, String error, Map<String, Object> document) {

    public MemberApi {
        document = document == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(document));
    }

    public static MemberApi answered(String member, Map<String, Object> document) {
        return new MemberApi(member, null, document);
    }

    public static MemberApi failed(String member, String error) {
        return new MemberApi(member, error, Map.of());
    }

    public boolean reachable() {
        return error == null;
    }

    public Optional<String> state() {
        return text(document.get("state"));
    }

    public Optional<String> role() {
        return text(document.get("role"));
    }

    /** Writable by its own account: Patroni 3 says master, 4 and pgha say primary. */
    public boolean claimsPrimary() {
        return role().filter(r -> r.equals("master") || r.equals("primary")).isPresent();
    }

    public Optional<Long> serverVersion() {
        return number(document.get("server_version"));
    }

    public Optional<Long> timeline() {
        return number(document.get("timeline"));
    }

    public boolean pendingRestart() {
        return Boolean.TRUE.equals(document.get("pending_restart"));
    }

    public Optional<String> agentVersion() {
        return document.get("patroni") instanceof Map<?, ?> patroni ? text(patroni.get("version")) : Optional.empty();
    }

    /** A primary's current WAL position, or a replica's newest of received and replayed. */
    public Optional<Long> walPosition() {
        if (!(document.get("xlog") instanceof Map<?, ?> xlog)) {
            return Optional.empty();
        }
        Optional<Long> location = number(xlog.get("location"));
        if (location.isPresent()) {
            return location;
        }
        Optional<Long> received = number(xlog.get("received_location"));
        Optional<Long> replayed = number(xlog.get("replayed_location"));
        if (received.isEmpty()) {
            return replayed;
        }
        return Optional.of(Math.max(received.get(), replayed.orElse(0L)));
    }

    /** The primary's pg_stat_replication rows as the API lists them. */
    public List<Map<?, ?>> replication() {
        if (!(document.get("replication") instanceof List<?> rows)) {
            return List.of();
        }
        return rows.stream().filter(r -> r instanceof Map<?, ?>).<Map<?, ?>>map(r -> (Map<?, ?>) r).toList();
    }

    /** Patroni 4 and pgha publish the replica's own view: streaming, in archive recovery… */
    public Optional<String> replicationState() {
        return text(document.get("replication_state"));
    }

    static Optional<String> text(Object value) {
        return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }

    static Optional<Long> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (value instanceof String s) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
