package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.postgres.CustomBootstrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bootstrap.method} and its section (config.md §3.6): what a custom method runs with, one-line errors. */
class BootstrapSectionTest {
    @TempDir
    Path dir;

    private BootstrapSection load(String bootstrap) throws IOException {
        Path file = dir.resolve("patroni.yml");
        Files.writeString(file, "scope: demo\nbootstrap:\n" + bootstrap);
        return BootstrapSection.from(ConfigSources.local(file, Map.of()));
    }

    @Test
    void initdbIsTheDefaultMethod() throws IOException {
        assertNull(load("  initdb:\n  - data-checksums\n").custom());
        assertNull(load("  method: initdb\n").custom());
    }

    @Test
    void customMethodIsReadFromTheBootstrapSectionOfItsName() throws IOException {
        CustomBootstrap m = load("""
                  method: restore
                  restore:
                    command: /opt/restore.sh --label 'nightly full'
                    no_params: true
                    keep_existing_recovery_conf: false
                    stanza: main
                    delta: true
                    scope: ignored
                    datadir: ignored
                    recovery_conf:
                      restore_command: cp /archive/%f %p
                      recovery_target_action: promote
                      recovery_target_inclusive: false
                """).custom();

        assertEquals("restore", m.name());
        assertEquals("/opt/restore.sh --label 'nightly full'", m.command());
        assertTrue(m.noParams());
        assertFalse(m.keepExistingRecoveryConf());
        assertEquals(Map.of("stanza", "main", "delta", "True"), m.arguments(),
                "reserved keys are not passed; booleans are spelled as Patroni (Python) does");
        assertEquals(List.of("stanza", "delta"), List.copyOf(m.arguments().keySet()), "order as written");
        assertEquals(Map.of("restore_command", "cp /archive/%f %p", "recovery_target_action", "promote",
                "recovery_target_inclusive", "off"), m.recoveryConf());
    }

    @Test
    void methodWithoutRecoveryConfHasNone() throws IOException {
        CustomBootstrap m = load("  method: restore\n  restore:\n    command: restore.sh\n").custom();
        assertNull(m.recoveryConf());
        assertFalse(m.noParams());
    }

    @Test
    void postBootstrapScriptAlsoGoesByItsOldNamePostInit() throws IOException {
        assertEquals("/opt/post.sh --verbose", load("  post_bootstrap: /opt/post.sh --verbose\n").postBootstrap());
        assertEquals("/opt/init.sh", load("  post_init: /opt/init.sh\n").postBootstrap());
        assertNull(load("  initdb:\n  - data-checksums\n").postBootstrap());
    }

    @Test
    void methodWithoutSectionOrCommandIsAOneLineErrorNamingTheKey() {
        ConfigException missing = assertThrows(ConfigException.class, () -> load("  method: wal_e\n"));
        assertTrue(missing.getMessage().matches("config error: .*: bootstrap\\.wal_e: not set; .*"), missing.getMessage());
        ConfigException noCommand = assertThrows(ConfigException.class,
                () -> load("  method: wal_e\n  wal_e:\n    envdir: /etc/wal-e\n"));
        assertTrue(noCommand.getMessage().matches("config error: .*: bootstrap\\.wal_e\\.command: not set; .*"),
                noCommand.getMessage());
        ConfigException blank = assertThrows(ConfigException.class,
                () -> load("  method: wal_e\n  wal_e:\n    command: ' '\n"));
        assertTrue(blank.getMessage().matches("config error: .*: bootstrap\\.wal_e\\.command: not set; .*"),
                blank.getMessage());
        ConfigException nested = assertThrows(ConfigException.class,
                () -> load("  method: wal_e\n  wal_e:\n    command: x\n    opts: [1, 2]\n"));
        assertTrue(nested.getMessage().matches("config error: .*: bootstrap\\.wal_e\\.opts: expected a single value.*"),
                nested.getMessage());
        for (ConfigException e : List.of(missing, noCommand, nested)) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
