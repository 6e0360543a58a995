package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Crash recovery of a data directory a primary left unclean, in single-user mode (ha-loop.md §5.3
 * step 5): PostgreSQL replays its WAL as the primary it was, writes a shutdown checkpoint and exits at
 * the end of its (empty) input. Afterwards pg_controldata says {@code shut down}, which the divergence
 * check and pg_rewind need. Archiving is kept on with a failing command so no WAL is lost to it.
 */
final class CrashRecovery {
    private final PostgresSettings settings;
    private final Commands commands;

    CrashRecovery(PostgresSettings settings, Commands commands) {
        this.settings = settings;
        this.commands = commands;
    }

    void run(Duration timeout) {
        for (String signal : List.of("standby.signal", "recovery.signal")) {
            try {
                Files.deleteIfExists(settings.dataDir().resolve(signal));
            } catch (IOException e) {
                throw new PostgresException("cannot remove " + settings.dataDir().resolve(signal) + ": " + e.getMessage(), e);
            }
        }
        CommandResult result = commands.run(command(), Map.of(), timeout);
        if (!result.ok()) {
            throw new PostgresException("crash recovery in single-user mode failed: " + result.failure());
        }
    }

    List<String> command() {
        List<String> command = new ArrayList<>(List.of(settings.binary("postgres"), "--single",
                "-D", settings.dataDir().toString()));
        if (!settings.configDir().equals(settings.dataDir())) {
            command.add("--config-file=" + settings.configDir().resolve("postgresql.conf"));
        }
        command.addAll(List.of("-c", "archive_mode=on", "-c", "archive_command=false", "template1"));
        return command;
    }
}
