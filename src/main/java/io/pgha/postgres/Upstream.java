package io.pgha.postgres;

import java.net.URI;

/**
 * A PostgreSQL server to clone from, rewind from or stream from: the leader or another member
 * ({@code name} is for messages), and the physical slot to stream through (null: none).
 * {@code recovery}: settings a replica of it must use whatever the user configured (a standby
 * cluster's restore_command, archive_cleanup_command, recovery_min_apply_delay).
 */
public record Upstream(String name, String host, int port, String database, String primarySlotName,
                       java.util.Map<String, String> recovery) {
    public Upstream(String name, String host, int port, String database, String primarySlotName) {
        this(name, host, port, database, primarySlotName, null);
    }

    public Upstream {
        recovery = recovery == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recovery));
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("upstream " + name + ": no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("upstream " + name + ": port out of range: " + port);
        }
        database = database == null || database.isBlank() ? "postgres" : database;
        name = name == null ? host + ":" + port : name;
    }

    public static Upstream of(String name, String host, int port) {
        return new Upstream(name, host, port, "postgres", null);
    }

    /** A member's published {@code conn_url}, e.g. {@code postgres://127.0.0.1:5432/postgres}. */
    public static Upstream fromConnUrl(String name, String connUrl) {
        URI uri;
        try {
            uri = URI.create(connUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("member " + name + ": invalid conn_url: " + e.getMessage());
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("member " + name + ": conn_url has no host: " + connUrl);
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new Upstream(name, host, uri.getPort() < 0 ? 5432 : uri.getPort(), path, null);
    }

    public Upstream withSlot(String slotName) {
        return new Upstream(name, host, port, database, slotName, recovery);
    }

    public Upstream withRecovery(java.util.Map<String, String> settings) {
        return new Upstream(name, host, port, database, primarySlotName, settings);
    }

    @Override
    public String toString() {
        return name + " (" + host + ":" + port + ")";
    }
}
