package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CtlConfigLocatorTest {
    @TempDir
    Path home;

    private Path file(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "scope: demo\n");
    }

    @Test
    void explicitFileIsUsed() throws IOException {
        Path file = file(home.resolve("my.yml"));
        assertEquals(Optional.of(file), CtlConfigLocator.locate(file.toString(), Map.of(), home));
    }

    @Test
    void explicitDirectoryIsUsed() throws IOException {
        Path dir = Files.createDirectory(home.resolve("conf.d"));
        assertEquals(Optional.of(dir), CtlConfigLocator.locate(dir.toString(), Map.of(), home));
    }

    @Test
    void missingExplicitFileIsPatronictlsError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CtlConfigLocator.locate("/nonexistent", Map.of(), home));
        assertEquals("Provided config file /nonexistent not existing or no read rights. "
                + "Check the -c/--config-file parameter", e.getMessage());
    }

    @Test
    void environmentVariableNamesTheFileWhenNoOption() throws IOException {
        Path file = file(home.resolve("env.yml"));
        assertEquals(Optional.of(file), CtlConfigLocator.locate(null,
                Map.of("PATRONICTL_CONFIG_FILE", file.toString()), home));
    }

    @Test
    void missingFileNamedByTheEnvironmentIsAnError() {
        ConfigException e = assertThrows(ConfigException.class, () -> CtlConfigLocator.locate(null,
                Map.of("PATRONICTL_CONFIG_FILE", "/etc/none.yml"), home));
        assertEquals("Provided config file /etc/none.yml not existing or no read rights. "
                + "Check the -c/--config-file parameter", e.getMessage());
    }

    @Test
    void optionWinsOverTheEnvironment() throws IOException {
        Path option = file(home.resolve("option.yml"));
        Path env = file(home.resolve("env.yml"));
        assertEquals(Optional.of(option), CtlConfigLocator.locate(option.toString(),
                Map.of("PATRONICTL_CONFIG_FILE", env.toString()), home));
    }

    @Test
    void defaultFileUnderHome() throws IOException {
        Path file = file(home.resolve(".config/patroni/patronictl.yaml"));
        assertEquals(file, CtlConfigLocator.defaultPath(Map.of(), home));
        assertEquals(Optional.of(file), CtlConfigLocator.locate(null, Map.of(), home));
    }

    @Test
    void defaultFileUnderXdgConfigHome() throws IOException {
        Path xdg = home.resolve("xdg");
        Path file = file(xdg.resolve("patroni/patronictl.yaml"));
        file(home.resolve(".config/patroni/patronictl.yaml"));
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", xdg.toString());
        assertEquals(Optional.of(file), CtlConfigLocator.locate(null, env, home));
    }

    @Test
    void missingDefaultFileIsSilentlyIgnored() {
        assertEquals(Optional.empty(), CtlConfigLocator.locate(null, Map.of(), home));
    }

    @Test
    void defaultPathNamedWithTheOptionStillCountsAsDefault() {
        String defaultPath = home.resolve(".config/patroni/patronictl.yaml").toString();
        assertEquals(Optional.empty(), CtlConfigLocator.locate(defaultPath, Map.of(), home));
    }
}
