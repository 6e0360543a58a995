package io.pgha.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replica's data directory copied from a running server with pg_basebackup (ha-loop.md §14.1):
 * WAL streamed alongside, as the replication user, the password read from pgpass. A failed attempt
 * leaves the directory empty.
 */
final class Clone {
    private final PostgresSettings settings;
    private final Commands commands;
    private final DataDirectory dataDirectory;
    private final int attempts;
    private final Duration pause;

    Clone(PostgresSettings settings, Commands commands, int attempts, Duration pause) {
        this.settings = settings;
        this.commands = commands;
        this.dataDirectory = new DataDirectory(settings.dataDir());
        this.attempts = attempts;
        this.pause = pause;
    }

    /** Runs pg_basebackup up to {@code attempts} times, each bounded by {@code timeout}. */
    void from(Upstream source, Duration timeout) {
        String reason = "no attempt made";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            dataDirectory.wipe();
            dataDirectory.ensureExists();
            try {
                CommandResult result = commands.run(command(source), Map.of(), timeout);
                if (result.ok()) {
                    return;
                }
                reason = result.failure();
            } catch (PostgresException e) {
                reason = e.getMessage();
            }
            if (attempt < attempts) {
                PostgresProcess.sleep(pause.toMillis());
            }
        }
        dataDirectory.wipe();
        throw new PostgresException("cloning from " + source + " failed after " + attempts
                + (attempts == 1 ? " attempt: " : " attempts: ") + reason);
    }

    List<String> command(Upstream source) {
        Map<String, String> conninfo = new LinkedHashMap<>();
        conninfo.put("host", source.host());
        conninfo.put("port", String.valueOf(source.port()));
        conninfo.put("dbname", source.database());
        conninfo.put("user", settings.authentication().replication().username());
        conninfo.put("application_name", "pgha_basebackup_" + settings.name());
        List<String> command = new ArrayList<>(List.of(settings.binary("pg_basebackup"),
                "--pgdata=" + settings.dataDir(), "-X", "stream",
                "--dbname=" + RecoverySettings.conninfo(conninfo)));
        command.addAll(CliOption.toArguments(settings.basebackupOptions()));
        return command;
    }
}
