package io.pgha.postgres;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A custom bootstrap method ({@code bootstrap.method: <name>} with section {@code bootstrap.<name>},
 * ha-loop.md §14.2): the command that fills the data directory, and the recovery it is started with.
 *
 * @param name           the method name, for messages
 * @param command        the {@code command} line as written; split into words as Python's shlex does
 * @param noParams       {@code no_params}: do not add {@code --scope=} and {@code --datadir=}
 * @param keepExistingRecoveryConf {@code keep_existing_recovery_conf}: leave the recovery settings and
 *                       signal files the command wrote (pgBackRest, Barman)
 * @param recoveryConf   {@code recovery_conf} as PostgreSQL text values; null when the section has none
 * @param arguments      every other key, passed as {@code --key=value} in the order written
 */
public record CustomBootstrap(String name, String command, boolean noParams, boolean keepExistingRecoveryConf,
                              Map<String, String> recoveryConf, Map<String, String> arguments) {

    /** Keys of the method section that are not passed on as {@code --key=value} (Patroni 3.2+). */
    public static final Set<String> RESERVED = Set.of("command", "no_params", "keep_existing_recovery_conf",
            "recovery_conf", "scope", "datadir");

    public CustomBootstrap {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("bootstrap." + name + ".command is required");
        }
        recoveryConf = recoveryConf == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(recoveryConf));
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** The command's words followed by Patroni's arguments: scope and data directory, then the user's keys. */
    public List<String> commandLine(List<String> words, String scope, Path dataDir) {
        List<String> line = new ArrayList<>(words);
        if (!noParams) {
            line.add("--scope=" + scope);
            line.add("--datadir=" + dataDir);
        }
        arguments.forEach((key, value) -> line.add("--" + key + "=" + value));
        return line;
    }

    /** {@code standby_mode} in recovery_conf asks for standby.signal instead of recovery.signal (PG 12+). */
    public boolean standbyMode() {
        return recoveryConf != null && Boolean.TRUE.equals(Units.toBoolean(recoveryConf.getOrDefault("standby_mode", "off")));
    }

    /**
     * The recovery section written to postgresql.conf until the end of recovery: recovery_conf without
     * standby_mode, with {@code pause_at_recovery_target} spelled as {@code recovery_target_action}.
     */
    public Map<String, String> recoverySettings() {
        if (recoveryConf == null) {
            return Map.of();
        }
        Map<String, String> settings = new LinkedHashMap<>(recoveryConf);
        settings.remove("standby_mode");
        String pause = settings.remove("pause_at_recovery_target");
        Boolean paused = pause == null ? null : Units.toBoolean(pause);
        if (paused != null) {
            settings.putIfAbsent("recovery_target_action", paused ? "pause" : "promote");
        }
        return settings;
    }

    /**
     * Patroni turns hot_standby off for the recovery when it ends in a promotion (or when the command's
     * own recovery settings are kept): a point-in-time recovery must not fail because the backup came
     * from a server with larger max_connections and the like.
     */
    public boolean hotStandbyOff() {
        if (keepExistingRecoveryConf) {
            return true;
        }
        if (recoveryConf == null || recoveryConf.isEmpty()) {
            return false;
        }
        Boolean pause = recoveryConf.containsKey("pause_at_recovery_target")
                ? Units.toBoolean(recoveryConf.get("pause_at_recovery_target")) : null;
        String action = recoveryConf.getOrDefault("recovery_target_action",
                Boolean.FALSE.equals(pause) ? "promote" : "pause");
        return action.strip().toLowerCase(Locale.ROOT).equals("promote");
    }
}
