package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line and recovery of a custom bootstrap method (ha-loop.md §14.2). */
class CustomBootstrapTest {
    private static final Path DATA = Path.of("/var/lib/pg/data");

    private static CustomBootstrap method(boolean noParams, boolean keep, Map<String, String> recovery,
            Map<String, String> arguments) {
        return new CustomBootstrap("restore", "/usr/local/bin/restore.sh --from 'last night'", noParams, keep,
                recovery, arguments);
    }

    @Test
    void commandGetsScopeAndDataDirectoryThenTheUsersKeysInTheOrderWritten() {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("stanza", "main");
        arguments.put("delta", "True");
        CustomBootstrap m = method(false, false, null, arguments);

        assertEquals(List.of("/usr/local/bin/restore.sh", "--from", "last night", "--scope=demo",
                "--datadir=/var/lib/pg/data", "--stanza=main", "--delta=True"),
                m.commandLine(List.of("/usr/local/bin/restore.sh", "--from", "last night"), "demo", DATA));
    }

    @Test
    void noParamsLeavesOutScopeAndDataDirectoryButKeepsTheUsersKeys() {
        CustomBootstrap m = method(true, false, null, Map.of("stanza", "main"));

        assertEquals(List.of("restore.sh", "--stanza=main"), m.commandLine(List.of("restore.sh"), "demo", DATA));
    }

    @Test
    void aMethodWithoutCommandIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CustomBootstrap("restore", " ", false, false, null, Map.of()));
        assertEquals("bootstrap.restore.command is required", e.getMessage());
    }

    @Test
    void promotionAtTheRecoveryTargetTurnsHotStandbyOff() {
        assertTrue(method(false, false, Map.of("recovery_target_action", "promote"), Map.of()).hotStandbyOff());
        assertTrue(method(false, false, Map.of("pause_at_recovery_target", "off"), Map.of()).hotStandbyOff(),
                "pause_at_recovery_target false means promote");
        assertFalse(method(false, false, Map.of("recovery_target_action", "pause"), Map.of()).hotStandbyOff());
        assertFalse(method(false, false, Map.of("restore_command", "cp %f %p"), Map.of()).hotStandbyOff(),
                "PostgreSQL's default action is pause");
        assertFalse(method(false, false, null, Map.of()).hotStandbyOff(), "no recovery at all");
        assertTrue(method(false, true, null, Map.of()).hotStandbyOff(), "the command's own recovery is trusted to promote");
    }

    @Test
    void recoverySettingsSpellPauseAtRecoveryTargetAsAnActionAndDropStandbyMode() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("restore_command", "cp /archive/%f %p");
        conf.put("pause_at_recovery_target", "false");
        conf.put("standby_mode", "on");
        CustomBootstrap m = method(false, false, conf, Map.of());

        assertEquals(Map.of("restore_command", "cp /archive/%f %p", "recovery_target_action", "promote"),
                m.recoverySettings());
        assertTrue(m.standbyMode());
        assertFalse(method(false, false, Map.of("restore_command", "x"), Map.of()).standbyMode());
        assertEquals(Map.of(), method(false, true, null, Map.of()).recoverySettings());
    }
}
