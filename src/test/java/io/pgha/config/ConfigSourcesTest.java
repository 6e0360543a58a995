package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {
    @TempDir
    Path home;

    private Path file(String text) throws IOException {
        return Files.writeString(home.resolve("patroni.yml"), text);
    }

    @Test
    void fileWithEnvironmentOnTop() throws IOException {
        Path file = file("scope: demo\netcd3: {hosts: 'a:2379'}\n");
        PatroniConfig config = ConfigSources.local(file, Map.of("PATRONI_SCOPE", "prod"));
        assertEquals("/service/prod", config.cluster().base());
        assertEquals(file.toString(), config.source());
    }

    @Test
    void wholeConfigurationVariableWhenNoFileDisablesOtherVariables() {
        PatroniConfig config = ConfigSources.local(null, Map.of(
                "PATRONI_CONFIGURATION", "scope: whole\netcd3: {host: 'h:2379'}\n",
                "PATRONI_SCOPE", "ignored"));
        assertEquals(Optional.of("whole"), config.scope());
        assertEquals("PATRONI_CONFIGURATION", config.source());
    }

    @Test
    void wholeConfigurationVariableIsIgnoredWhenAFileExists() throws IOException {
        Path file = file("scope: demo\n");
        PatroniConfig config = ConfigSources.local(file, Map.of("PATRONI_CONFIGURATION", "scope: whole\n"));
        assertEquals(Optional.of("demo"), config.scope());
    }

    @Test
    void missingPathFallsBackToTheEnvironmentAsPatroniDoes() {
        PatroniConfig config = ConfigSources.local(home.resolve("missing.yml"), Map.of("PATRONI_SCOPE", "envonly"));
        assertEquals(Optional.of("envonly"), config.scope());
        assertEquals("environment", config.source());
    }

    @Test
    void ctlWithoutAnyFileUsesTheEnvironment() {
        PatroniConfig config = ConfigSources.ctl(null, null, Map.of("PATRONI_SCOPE", "demo",
                "PATRONI_ETCD3_HOSTS", "e1:2379,e2:2379"), home);
        assertEquals("/service/demo", config.cluster().base());
        assertEquals(List.of(URI.create("http://e1:2379"), URI.create("http://e2:2379")),
                config.etcd(Duration.ofSeconds(5)).endpoints());
        assertEquals(Duration.ofSeconds(5), config.etcd(Duration.ofSeconds(5)).timeout());
    }

    @Test
    void ctlReadsTheDefaultFileAndAppliesDashD() throws IOException {
        Path file = home.resolve(".config/patroni/patronictl.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "scope: demo\netcd3: {hosts: 'a:2379'}\n");
        PatroniConfig config = ConfigSources.ctl(null, "etcd3://b:2390/ns", Map.of(), home);
        assertEquals("/ns/demo", config.cluster().base());
        assertEquals(List.of(URI.create("http://b:2390")), config.etcd3().endpoints());
    }

    @Test
    void ctlTakesDcsUrlFromTheEnvironmentWhenNoOption() {
        PatroniConfig config = ConfigSources.ctl(null, null, Map.of("DCS_URL", "etcd3://c:2379"), home);
        assertEquals(List.of(URI.create("http://c:2379")), config.etcd3().endpoints());
    }

    @Test
    void ctlWithAMissingNamedFileFails() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigSources.ctl(home.resolve("nope.yml").toString(), null, Map.of(), home));
        assertEquals("Provided config file " + home.resolve("nope.yml")
                + " not existing or no read rights. Check the -c/--config-file parameter", e.getMessage());
    }
}
