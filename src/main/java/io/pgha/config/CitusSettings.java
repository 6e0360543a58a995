package io.pgha.config;

import java.util.Map;
import java.util.Optional;

/** The {@code citus} section: which group this cluster is and which database Citus runs in. */
public record CitusSettings(int group, String database) {

    /** Like Patroni, a citus section without an integer group and a text database is ignored. */
    static Optional<CitusSettings> from(PatroniConfig config) {
        if (config.tree().get("citus") instanceof Map<?, ?> citus
                && citus.get("group") instanceof Integer group
                && citus.get("database") instanceof String database) {
            return Optional.of(new CitusSettings(group, database));
        }
        return Optional.empty();
    }
}
