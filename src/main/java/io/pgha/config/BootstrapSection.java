package io.pgha.config;

import io.pgha.postgres.CliOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code bootstrap} section (config.md §3.6): present only on nodes that may initialise a new
 * cluster. {@code dcs} seeds {@code /config}; {@code initdb} and {@code pg_hba} shape the new cluster.
 * Only the {@code initdb} method is supported; a custom method or {@code post_bootstrap} script is refused
 * rather than silently skipped.
 */
public record BootstrapSection(boolean present, Map<String, Object> dcs, List<CliOption> initdb, List<String> pgHba) {

    public BootstrapSection {
        dcs = dcs == null ? Map.of() : dcs;
        initdb = List.copyOf(initdb);
        pgHba = List.copyOf(pgHba);
    }

    public static BootstrapSection from(PatroniConfig config) {
        Section bootstrap = config.section("bootstrap");
        if (!bootstrap.isPresent()) {
            return new BootstrapSection(false, Map.of(), List.of(), List.of());
        }
        String method = bootstrap.string("method").orElse("initdb");
        if (!method.equals("initdb")) {
            throw bootstrap.error("method", "only initdb is supported by pgha, got " + Section.quote(method));
        }
        for (String script : List.of("post_bootstrap", "post_init")) {
            if (bootstrap.has(script)) {
                throw bootstrap.error(script, "bootstrap scripts are not supported by pgha yet; remove it");
            }
        }
        List<CliOption> initdb;
        try {
            initdb = CliOption.fromConfig("bootstrap.initdb", bootstrap.raw("initdb"));
        } catch (IllegalArgumentException e) {
            throw bootstrap.error("initdb", e.getMessage());
        }
        return new BootstrapSection(true, bootstrap.section("dcs").values(), initdb, strings(bootstrap, "pg_hba"));
    }

    static List<String> strings(Section section, String key) {
        Object raw = section.raw(key);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw section.error(key, "expected a list of lines, got " + Section.describe(key, raw));
        }
        List<String> lines = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> || item instanceof List<?> || item == null) {
                throw section.error(key, "expected a list of lines, got an item that is " + Section.kind(item));
            }
            lines.add(String.valueOf(item));
        }
        return lines;
    }
}
