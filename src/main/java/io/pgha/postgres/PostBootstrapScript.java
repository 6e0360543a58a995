package io.pgha.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bootstrap.post_bootstrap} (ha-loop.md §14.3 step 2): the user's script, run once on the new primary
 * with the superuser's connection string as its last argument. The password reaches it only through the
 * pgpass file in PGPASSFILE, never on its command line.
 */
final class PostBootstrapScript {
    private static final System.Logger LOG = System.getLogger(PostBootstrapScript.class.getName());
    /** What Patroni 4 puts in PGOPTIONS: the script must not wait for standbys nor time out on long work. */
    static final String PGOPTIONS = "-c synchronous_commit=local -c statement_timeout=0";

    private final PostgresSettings settings;
    private final Commands commands;

    PostBootstrapScript(PostgresSettings settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    void run(List<String> words, Duration timeout) {
        List<String> line = new ArrayList<>(words);
        line.add(connectionString(settings));
        CommandResult result = commands.runKeepingLocale(line, Map.of("PGOPTIONS", PGOPTIONS), timeout);
        result.output().lines().filter(l -> !l.isBlank())
                .forEach(l -> LOG.log(System.Logger.Level.INFO, "post_bootstrap: " + l));
        if (!result.ok()) {
            throw new PostgresException("post_bootstrap script " + words.get(0) + " returned non-zero code "
                    + result.exitCode() + ": " + result.reason());
        }
    }

    /** Patroni's format: dbname, user, host, port; space, quote and backslash escaped with a backslash. */
    static String connectionString(PostgresSettings settings) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("dbname", settings.database());
        params.put("user", settings.authentication().superuser().username());
        params.put("host", settings.listen().localHost());
        params.put("port", String.valueOf(settings.listen().port()));
        StringBuilder text = new StringBuilder();
        params.forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(key).append('=').append(value.replaceAll("(['\\\\ ])", "\\\\$1"));
        });
        return text.toString();
    }
}
