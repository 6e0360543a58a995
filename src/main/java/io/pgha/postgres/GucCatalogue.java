package io.pgha.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parameters a PostgreSQL binary knows, from {@code postgres --describe-config}: an unknown
 * name in postgresql.conf stops the postmaster from starting, so the agent drops such names.
 * Cached per binary, as it is a fact about the installed program.
 */
final class GucCatalogue {
    private static final Map<String, GucCatalogue> CACHE = new ConcurrentHashMap<>();

    /** Context ({@code postmaster}, {@code sighup}, …) and type ({@code INTEGER}, …) of a parameter. */
    record Guc(String name, String context, String type) {
    }

    private final Map<String, Guc> gucs;

    GucCatalogue(Map<String, Guc> gucs) {
        this.gucs = Map.copyOf(gucs);
    }

    static GucCatalogue of(PostgresSettings settings, Commands commands) {
        String postgres = settings.binary("postgres");
        return CACHE.computeIfAbsent(postgres, binary -> {
            CommandResult result = commands.run(List.of(binary, "--describe-config"), Map.of(), Duration.ofSeconds(30));
            if (!result.ok()) {
                throw new PostgresException("cannot list PostgreSQL parameters: " + result.failure());
            }
            return parse(result.output());
        });
    }

    static GucCatalogue parse(String describeConfig) {
        Map<String, Guc> gucs = new TreeMap<>();
        describeConfig.lines().forEach(line -> {
            String[] fields = line.split("\t", -1);
            if (fields.length >= 4 && !fields[0].isEmpty()) {
                gucs.put(fields[0].toLowerCase(Locale.ROOT), new Guc(fields[0], fields[1], fields[3]));
            }
        });
        return new GucCatalogue(gucs);
    }

    /** Known to this binary, or an extension's parameter (a dotted name PostgreSQL accepts as is). */
    boolean accepts(String name) {
        return name.contains(".") || gucs.containsKey(name.toLowerCase(Locale.ROOT));
    }

    Optional<Guc> get(String name) {
        return Optional.ofNullable(gucs.get(name.toLowerCase(Locale.ROOT)));
    }
}
