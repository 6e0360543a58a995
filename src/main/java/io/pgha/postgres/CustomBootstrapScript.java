package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs a custom bootstrap method's command into the empty data directory and tidies up after it as Patroni's
 * {@code _custom_bootstrap} does: configuration files back from their copies, no promote trigger left behind,
 * bootstrap.pg_hba appended, the configuration saved before the first start.
 */
final class CustomBootstrapScript {
    private static final System.Logger LOG = System.getLogger(CustomBootstrapScript.class.getName());

    private final PostgresSettings settings;
    private final Commands commands;
    private final ConfigWriter writer;

    CustomBootstrapScript(PostgresSettings settings, Commands commands, ConfigWriter writer) {
        this.settings = settings;
        this.commands = commands;
        this.writer = writer;
    }

    void run(CustomBootstrap method, List<String> words, Duration timeout) {
        List<String> line = method.commandLine(words, settings.scope(), settings.dataDir());
        LOG.log(System.Logger.Level.INFO, "Running custom bootstrap script: " + commands.redactor().redact(method.command()));
        CommandResult result = commands.runKeepingLocale(line, Map.of(), timeout);
        result.output().lines().filter(l -> !l.isBlank())
                .forEach(l -> LOG.log(System.Logger.Level.INFO, "bootstrap." + method.name() + ": " + l));
        if (!result.ok()) {
            throw new PostgresException("custom bootstrap method " + method.name() + " failed: " + result.failure());
        }
        if (!Files.isRegularFile(settings.dataDir().resolve("global").resolve("pg_control"))) {
            throw new PostgresException("custom bootstrap method " + method.name() + " left no PostgreSQL data directory in "
                    + settings.dataDir());
        }
        writer.restoreBackups();
        removePromoteTrigger();
        writer.appendBootstrapHba(settings.bootstrapPgHba());
        writer.backup();
    }

    /** A trigger file copied with the backup would promote the server before its recovery target. */
    private void removePromoteTrigger() {
        // Patroni looks the name up in postgresql.recovery_conf, not in the method's recovery_conf
        String configured = settings.recoveryConf().get("promote_trigger_file");
        Path trigger = settings.dataDir().resolve(configured == null || configured.isBlank() ? "promote" : configured);
        try {
            Files.deleteIfExists(trigger);
        } catch (IOException e) {
            throw new PostgresException("cannot remove the promote trigger file " + trigger + ": " + e.getMessage(), e);
        }
    }
}
