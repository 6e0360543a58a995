package io.pgha.agent;

import io.pgha.dcs.Json;
import io.pgha.ha.PostgresState;
import io.pgha.ha.Role;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PendingChange;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The member key's JSON (keyspace.md §3.1) in Patroni 4.1.4's field order, optional fields omitted.
 *
 * <p>{@code version} is {@value #PATRONI_VERSION}: peers parse it as the writer's Patroni version and
 * switch behaviour on it (legacy {@code optime/leader} below 2.1.0, slot positions from
 * {@code xlog_location} below 4.0, the checkpoint-after-promote flag), and what pgha writes is 4.1.4's
 * keyspace. pgha's own version goes into {@code pgha_version}, which Patroni ignores.
 */
final class MemberDocument {
    /** The Patroni release whose keyspace and member fields pgha writes. */
    static final String PATRONI_VERSION = "4.1.4";
    private static final Set<String> DROPPED_WHEN_FALSE = Set.of("clonefrom", "nofailover", "noloadbalance",
            "nosync", "nostream");

    private MemberDocument() {
    }

    /**
     * @param positions include WAL positions: PostgreSQL runs and no task other than a promote is under way
     */
    static String build(String connUrl, String apiUrl, PostgresState state, Role role, Map<String, Object> tags,
                        LocalPostgresStatus status, boolean positions, boolean paused) {
        return build(connUrl, apiUrl, state, role, tags, status, positions, paused, null);
    }

    /** @param scheduledRestart the {@code scheduled_restart} object to publish; null when none */
    static String build(String connUrl, String apiUrl, PostgresState state, Role role, Map<String, Object> tags,
                        LocalPostgresStatus status, boolean positions, boolean paused,
                        Map<String, Object> scheduledRestart) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("conn_url", connUrl);
        doc.put("api_url", apiUrl);
        doc.put("state", state.patroniName());
        doc.put("role", role.patroniName());
        doc.put("version", PATRONI_VERSION);
        doc.put("pgha_version", io.pgha.Version.PGHA);
        Map<String, Object> published = publishedTags(tags);
        if (!published.isEmpty()) {
            doc.put("tags", published);
        }
        if (status != null && status.isPendingRestart()) {
            doc.put("pending_restart", true);
            Map<String, Object> reasons = new LinkedHashMap<>();
            for (Map.Entry<String, PendingChange> change : new java.util.TreeMap<>(status.pendingRestart()).entrySet()) {
                Map<String, Object> values = new LinkedHashMap<>();
                values.put("old_value", String.valueOf(change.getValue().oldValue()));
                values.put("new_value", String.valueOf(change.getValue().newValue()));
                reasons.put(change.getKey(), values);
            }
            doc.put("pending_restart_reason", reasons);
        }
        if (scheduledRestart != null) {
            doc.put("scheduled_restart", scheduledRestart);
        }
        if (positions && status != null && status.isRunning()) {
            if (status.xlogLocation() != null) {
                doc.put("xlog_location", status.xlogLocation());
            }
            if (Boolean.TRUE.equals(status.inRecovery())) {
                putIfSet(doc, "replay_lsn", status.replayedLsn());
                putIfSet(doc, "receive_lsn", status.receivedLsn());
                putIfSet(doc, "replication_state", status.replicationState());
            }
            putIfSet(doc, "timeline", status.timeline());
        }
        if (paused) {
            doc.put("pause", true);
        }
        return Json.write(doc);
    }

    /**
     * Tags as Patroni publishes them: false built-in booleans dropped, except nofailover next to
     * failover_priority and nosync next to sync_priority; custom tags verbatim.
     */
    static Map<String, Object> publishedTags(Map<String, Object> tags) {
        Map<String, Object> published = new LinkedHashMap<>();
        tags.forEach((name, value) -> {
            boolean keepFalse = name.equals("nofailover") && tags.containsKey("failover_priority")
                    || name.equals("nosync") && tags.containsKey("sync_priority");
            if (DROPPED_WHEN_FALSE.contains(name) && !keepFalse && !truthy(value)) {
                return;
            }
            published.put(name, value);
        });
        return published;
    }

    private static boolean truthy(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value == null) {
            return false;
        }
        String text = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
        return text.equals("true") || text.equals("on") || text.equals("yes") || text.equals("1") || text.equals("y");
    }

    private static void putIfSet(Map<String, Object> doc, String key, Object value) {
        if (value != null) {
            doc.put(key, value);
        }
    }
}
