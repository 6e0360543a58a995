package io.pgha.ha;

import io.pgha.dcs.DynamicConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dynamic {@code standby_cluster} section (config.md, ha-loop.md §21): where the remote primary a
 * standby leader replicates from is, and the recovery settings it streams or restores with.
 *
 * @param host                  the remote primary's host; null when only {@code restore_command} is set
 * @param port                  its port; null for libpq's default
 * @param primarySlotName       the slot on the remote primary; null: stream without a slot
 * @param createReplicaMethods  how the standby leader is created (default basebackup)
 */
public record StandbyClusterConfig(String host, Integer port, String primarySlotName, String restoreCommand,
                                   String archiveCleanupCommand, String recoveryMinApplyDelay,
                                   List<String> createReplicaMethods) {

    public static final StandbyClusterConfig NONE = new StandbyClusterConfig(null, null, null, null, null, null, List.of());

    public StandbyClusterConfig {
        createReplicaMethods = createReplicaMethods == null ? List.of() : List.copyOf(createReplicaMethods);
    }

    public static StandbyClusterConfig from(DynamicConfig config) {
        Object section = config == null ? null : config.data().get("standby_cluster");
        if (!(section instanceof Map<?, ?> map)) {
            return NONE;
        }
        List<String> methods = new ArrayList<>();
        if (map.get("create_replica_methods") instanceof List<?> list) {
            list.forEach(m -> methods.add(String.valueOf(m)));
        }
        return new StandbyClusterConfig(text(map.get("host")), port(map.get("port")), text(map.get("primary_slot_name")),
                text(map.get("restore_command")), text(map.get("archive_cleanup_command")),
                text(map.get("recovery_min_apply_delay")), methods);
    }

    /** Patroni's rule: a host, a port or a restore_command makes the cluster a standby cluster. */
    public boolean active() {
        return host != null || port != null || restoreCommand != null;
    }

    /** The remote primary's conn_url; null when only archive recovery is configured. */
    public String connUrl() {
        if (host == null && port == null) {
            return null;
        }
        String h = host == null ? "localhost" : host;
        return "postgres://" + (h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h) + ":"
                + (port == null ? 5432 : port) + "/postgres";
    }

    /**
     * Recovery settings from this section that override the user's: restore_command and
     * archive_cleanup_command for every member of a standby cluster, recovery_min_apply_delay only for
     * the standby leader (Patroni's build_recovery_params).
     */
    public Map<String, String> recoverySettings(boolean remote) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (restoreCommand != null) {
            settings.put("restore_command", restoreCommand);
        }
        if (archiveCleanupCommand != null) {
            settings.put("archive_cleanup_command", archiveCleanupCommand);
        }
        if (remote && recoveryMinApplyDelay != null) {
            settings.put("recovery_min_apply_delay", recoveryMinApplyDelay);
        }
        return settings;
    }

    private static String text(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return null;
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? null : text;
    }

    private static Integer port(Object value) {
        if (value == null || "".equals(value) || Boolean.FALSE.equals(value)) {
            return null;
        }
        try {
            int port = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
            return port == 0 ? null : port;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
