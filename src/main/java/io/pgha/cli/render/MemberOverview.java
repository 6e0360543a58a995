package io.pgha.cli.render;

import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import java.util.Map;

/**
 * One member as {@code GET /cluster} describes it (rest-api.md §5.1); {@code patronictl list} derives
 * its cells from this. {@code role} is {@code leader}, {@code standby_leader}, {@code sync_standby},
 * {@code quorum_standby} or {@code replica}. {@code host} is null when conn_url has none.
 * {@code copied} holds those of {@code timeline}, {@code pending_restart}, {@code pending_restart_reason}
 * (4.1 only), {@code scheduled_restart} and {@code tags} that the member key has, raw, a JSON null
 * included (patronictl prints it as {@code None}). The positions are null for the leader;
 * {@code receive} and {@code replay} are null on the 3.0 surface.
 */
public record MemberOverview(
        String name,
        String role,
        String state,
        String host,
        Integer port,
        Map<String, Object> copied,
        Position receive,
        Position replay,
        Position wal) {

    public MemberOverview {
        copied = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(copied));
    }

    /** A copied attribute, or null when the member does not publish it (or publishes null). */
    public Object attribute(String name) {
        return copied.get(name);
    }

    public Object tags() {
        return copied.get("tags");
    }

    public boolean isLeaderRole() {
        return role.endsWith("leader");
    }

    /** The replicatefrom tag, when the tags are an object that has it. */
    public String replicateFrom() {
        if (tags() instanceof Map<?, ?> map && map.get("replicatefrom") != null) {
            return PyText.str(map.get("replicatefrom"));
        }
        return null;
    }

    /**
     * A WAL position and its distance in bytes behind the cluster LSN; {@code lsn} null means the
     * member did not publish one ("unknown").
     */
    public record Position(Long lsn, long lag) {
        public static final Position UNKNOWN = new Position(null, 0);

        static Position of(Long lsn, long clusterLsn) {
            return lsn == null ? UNKNOWN : new Position(lsn, Math.max(0, clusterLsn - lsn));
        }

        public boolean isKnown() {
            return lsn != null;
        }

        /** {@code %X/%X} of the LSN, or {@code unknown}. */
        public String lsnText() {
            return lsn == null ? "unknown" : Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT)
                    + "/" + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
        }

        /** Lag in bytes, or the text {@code unknown}. */
        public Object lagValue() {
            return lsn == null ? "unknown" : (Object) lag;
        }
    }
}
