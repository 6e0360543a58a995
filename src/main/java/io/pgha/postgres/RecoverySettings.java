package io.pgha.postgres;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recovery section of a replica's postgresql.conf (ha-loop.md §10.2, PG 12+): how to reach the
 * upstream, which slot to stream through, and the user's extra recovery settings.
 */
final class RecoverySettings {
    private RecoverySettings() {
    }

    /** Empty for a primary; for a replica, with or without an upstream to stream from. */
    static Map<String, String> forReplica(PostgresSettings settings, int majorVersion, Upstream upstream,
            Map<String, String> extras) {
        Map<String, String> recovery = new LinkedHashMap<>();
        if (upstream != null) {
            recovery.put("primary_conninfo", primaryConninfo(settings, majorVersion, upstream));
            if (upstream.primarySlotName() != null) {
                recovery.put("primary_slot_name", upstream.primarySlotName());
            }
        }
        recovery.put("recovery_target_timeline", "latest");
        // neutralise targets a base or included file may set: they would stop streaming at a target
        for (String target : new String[] {"recovery_target", "recovery_target_lsn", "recovery_target_name",
                "recovery_target_time", "recovery_target_xid"}) {
            recovery.put(target, "");
        }
        recovery.putAll(extras);
        if (upstream != null) {
            recovery.putAll(upstream.recovery());
        }
        return recovery;
    }

    /** A libpq connection string to {@code upstream} as the replication user; the password stays in pgpass. */
    static String primaryConninfo(PostgresSettings settings, int majorVersion, Upstream upstream) {
        Credentials replication = settings.authentication().replication();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", replication.username());
        if (replication.hasPassword()) {
            params.put("passfile", settings.pgpass().toString());
        }
        params.put("host", upstream.host());
        params.put("port", String.valueOf(upstream.port()));
        params.put("sslmode", "prefer");
        params.put("application_name", settings.name());
        params.put("gssencmode", "prefer");
        if (majorVersion >= 13) {
            params.put("channel_binding", "prefer");
        }
        if (majorVersion >= 17) {
            params.put("sslnegotiation", "postgres");
        }
        params.put("dbname", upstream.database());
        return conninfo(params);
    }

    static String conninfo(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(key).append('=').append(quoteConninfoValue(value));
        });
        return text.toString();
    }

    /** libpq quoting: single quotes when needed, with backslash before quote and backslash. */
    static String quoteConninfoValue(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '\'' || c == '\\' || Character.isWhitespace(c))) {
            return value;
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
