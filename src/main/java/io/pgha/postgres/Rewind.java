package io.pgha.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pg_rewind of the stopped local data directory against a running source (ha-loop.md §12.3). Whether
 * a rewind is needed is decided elsewhere; this only runs it and says how it went.
 */
final class Rewind {
    private final PostgresSettings settings;
    private final Commands commands;

    Rewind(PostgresSettings settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    /** The tool's output on success; a {@link PostgresException} with its reason otherwise. */
    String from(Upstream source, Duration timeout) {
        CommandResult result = commands.run(command(source), Map.of("PGOPTIONS", "-c statement_timeout=0"), timeout);
        if (!result.ok()) {
            throw new PostgresException("pg_rewind from " + source + " failed: " + result.failure());
        }
        return result.output();
    }

    List<String> command(Upstream source) {
        Map<String, String> conninfo = new LinkedHashMap<>();
        conninfo.put("host", source.host());
        conninfo.put("port", String.valueOf(source.port()));
        conninfo.put("dbname", source.database());
        conninfo.put("user", settings.authentication().rewindOrSuperuser().username());
        conninfo.put("target_session_attrs", "read-write");
        List<String> command = new ArrayList<>(List.of(settings.binary("pg_rewind"),
                "--target-pgdata=" + settings.dataDir(),
                "--source-server=" + RecoverySettings.conninfo(conninfo)));
        command.addAll(CliOption.toArguments(settings.rewindOptions()));
        return command;
    }
}
