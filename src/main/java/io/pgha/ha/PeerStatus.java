package io.pgha.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgha.dcs.Json;
import io.pgha.dcs.JsonTrees;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code GET <api_url>} of another member answered during a leader race or failover check
 * (rest-api.md §4), reduced to the fields Patroni compares (ha-loop.md §6.2).
 *
 * @param reachable   the member answered with a status document that has {@code xlog} (or {@code wal})
 * @param inRecovery  neither {@code xlog.location} nor role primary/master was reported
 * @param walPosition replica: max(received, replayed) location; 0 for a primary or when unknown
 * @param timeline    reported timeline; 0 when absent
 */
public record PeerStatus(String name, boolean reachable, boolean inRecovery, long walPosition, long timeline,
                         Tags tags, boolean watchdogFailed) {

    public PeerStatus {
        tags = tags == null ? Tags.NONE : tags;
    }

    /** The request failed, timed out, or the body was not a usable status document. */
    public static PeerStatus unreachable(String name) {
        return new PeerStatus(name, false, true, 0, 0, Tags.NONE, false);
    }

    /** A replica streaming up to {@code walPosition} on {@code timeline}. */
    public static PeerStatus replica(String name, long walPosition, long timeline) {
        return new PeerStatus(name, true, true, walPosition, timeline, Tags.NONE, false);
    }

    /** A member still running as a primary. */
    public static PeerStatus primary(String name, long timeline) {
        return new PeerStatus(name, true, false, 0, timeline, Tags.NONE, false);
    }

    public PeerStatus withTags(Tags value) {
        return new PeerStatus(name, reachable, inRecovery, walPosition, timeline, value, watchdogFailed);
    }

    public PeerStatus withWatchdogFailed(boolean value) {
        return new PeerStatus(name, reachable, inRecovery, walPosition, timeline, tags, value);
    }

    /** Reads a response body as Patroni does; anything unusable makes the member unreachable. */
    public static PeerStatus fromStatusDocument(String name, String body) {
        return Json.parse(body)
                .filter(Map.class::isInstance)
                .map(map -> fromStatusDocument(name, (ObjectNode) JsonTrees.MAPPER.valueToTree(map)))
                .orElseGet(() -> unreachable(name));
    }

    /** The document of {@code GET /patroni}; a missing {@code xlog}/{@code wal} object makes it unreachable. */
    public static PeerStatus fromStatusDocument(String name, ObjectNode json) {
        JsonNode wal = json.path("wal");
        if (!wal.isObject() || wal.isEmpty()) {
            wal = json.path("xlog");
        }
        if (!wal.isObject()) {
            return unreachable(name);
        }
        String role = json.path("role").asText("");
        boolean primary = wal.path("location").asLong(0) != 0 || role.equals("primary") || role.equals("master");
        long position = primary ? 0
                : Math.max(wal.path("received_location").asLong(0), wal.path("replayed_location").asLong(0));
        Map<String, Object> tags = json.path("tags").isObject()
                ? JsonTrees.MAPPER.convertValue(json.get("tags"), JsonTrees.MAPPER.getTypeFactory()
                        .constructMapType(Map.class, String.class, Object.class))
                : Map.of();
        return new PeerStatus(name, true, !primary, position, json.path("timeline").asLong(0), Tags.of(tags),
                json.path("watchdog_failed").asBoolean(false));
    }

    /** Why this member cannot take over, in Patroni's words; empty when it can. */
    public Optional<String> failoverLimitation() {
        if (!reachable) {
            return Optional.of("not reachable");
        }
        if (tags.isNoFailover()) {
            return Optional.of("not allowed to promote");
        }
        if (watchdogFailed) {
            return Optional.of("not watchdog capable");
        }
        return Optional.empty();
    }

    public int failoverPriority() {
        return tags.priority();
    }
}
