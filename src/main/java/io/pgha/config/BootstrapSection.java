package io.pgha.config;

import io.pgha.postgres.CliOption;
import io.pgha.postgres.CustomBootstrap;
import io.pgha.postgres.PostgresSettings;
import io.pgha.text.PyText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code bootstrap} section (config.md §3.6): present only on nodes that may initialise a new
 * cluster. {@code dcs} seeds {@code /config}; {@code initdb} and {@code pg_hba} shape the new cluster, or
 * a custom method restores it ({@code custom}, null for initdb); {@code postBootstrap} is the script run
 * once the new cluster is up ({@code post_bootstrap}, alias {@code post_init}; null for none).
 */
public record BootstrapSection(boolean present, Map<String, Object> dcs, List<CliOption> initdb, List<String> pgHba,
                               CustomBootstrap custom, String postBootstrap) {

    public BootstrapSection {
        dcs = dcs == null ? Map.of() : dcs;
        initdb = List.copyOf(initdb);
        pgHba = List.copyOf(pgHba);
    }

    public static BootstrapSection from(PatroniConfig config) {
        Section bootstrap = config.section("bootstrap");
        if (!bootstrap.isPresent()) {
            return new BootstrapSection(false, Map.of(), List.of(), List.of(), null, null);
        }
        String method = bootstrap.string("method").orElse("initdb");
        CustomBootstrap custom = method.equals("initdb") ? null : custom(bootstrap, method);
        String postBootstrap = bootstrap.string("post_bootstrap").or(() -> bootstrap.string("post_init"))
                .filter(script -> !script.isBlank()).orElse(null);
        List<CliOption> initdb;
        try {
            initdb = CliOption.fromConfig("bootstrap.initdb", bootstrap.raw("initdb"));
        } catch (IllegalArgumentException e) {
            throw bootstrap.error("initdb", e.getMessage());
        }
        return new BootstrapSection(true, bootstrap.section("dcs").values(), initdb, strings(bootstrap, "pg_hba"), custom,
                postBootstrap);
    }

    /**
     * {@code bootstrap.<method>}. Patroni silently runs initdb when the section or its command is missing;
     * a new empty cluster where a restore was meant is refused here instead.
     */
    private static CustomBootstrap custom(Section bootstrap, String method) {
        Section section = bootstrap.section(method);
        if (!section.isPresent()) {
            throw bootstrap.error(method, "not set; method " + method + " needs a section bootstrap." + method
                    + " with its command");
        }
        String command = section.string("command").filter(c -> !c.isBlank())
                .orElseThrow(() -> section.error("command", "not set; give the command that fills the data directory"));
        Map<String, String> recovery = null;
        if (section.raw("recovery_conf") != null) {
            Section conf = section.section("recovery_conf");
            recovery = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : conf.values().entrySet()) {
                if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                    throw conf.error(e.getKey(), "expected a single value, got " + Section.kind(e.getValue()));
                }
                recovery.put(e.getKey(), PostgresSettings.guc(e.getValue()));
            }
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : section.values().entrySet()) {
            if (CustomBootstrap.RESERVED.contains(e.getKey())) {
                continue;
            }
            if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                throw section.error(e.getKey(), "expected a single value to pass as --" + e.getKey() + "=…, got "
                        + Section.kind(e.getValue()));
            }
            arguments.put(e.getKey(), PyText.str(e.getValue())); // Patroni formats str(value)
        }
        return new CustomBootstrap(method, command, section.bool("no_params").orElse(false),
                section.bool("keep_existing_recovery_conf").orElse(false), recovery, arguments);
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
