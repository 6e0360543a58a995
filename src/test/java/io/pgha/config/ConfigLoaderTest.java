package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    @Test
    void fileIsReadIntoATreeKeepingKeyOrderAndYamlTypes() throws IOException {
        Path file = write("patroni.yml", """
                scope: demo
                name: node1
                etcd3:
                  hosts: [127.0.0.1:2379, 127.0.0.2:2379]
                  use_proxies: yes
                ttl: 30
                namespace: ~
                """);
        PatroniConfig config = ConfigLoader.load(file);
        assertEquals(List.of("scope", "name", "etcd3", "ttl"), List.copyOf(config.tree().keySet()),
                "a top-level null in the only file deletes the key, as Patroni's merge into {} does");
        assertEquals(Map.of("hosts", List.of("127.0.0.1:2379", "127.0.0.2:2379"), "use_proxies", true),
                config.tree().get("etcd3"));
        assertEquals(30, config.tree().get("ttl"));
        assertEquals(file.toString(), config.source());
    }

    @Test
    void badIndentationIsReportedAsOneLineWithFileLineAndColumn() throws IOException {
        Path file = write("patroni.yml", """
                scope: demo
                etcd3:
                  hosts: 127.0.0.1:2379
                 protocol: http
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("config error: " + file + ":4:2: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block mapping started at 1:1)", e.getMessage());
    }

    @Test
    void mappingInsideAScalarPointsAtTheColon() throws IOException {
        Path file = write("patroni.yml", """
                scope: demo
                name: node1
                etcd3:
                  hosts: a:2379
                   bad: 2
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("config error: " + file + ":5:7: mapping values are not allowed here", e.getMessage());
    }

    @Test
    void unterminatedQuoteNamesWhereTheScalarStarted() throws IOException {
        Path file = write("patroni.yml", "scope: demo\nname: 'node1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("config error: " + file + ":3:1: found unexpected end of stream"
                + " (while scanning a quoted scalar started at 2:7)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void topLevelListIsAnErrorWithLocation() throws IOException {
        Path file = write("patroni.yml", "# comment\n- scope: demo\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("config error: " + file + ":2:1: the top level must be a mapping (key: value), got a list",
                e.getMessage());
    }

    @Test
    void topLevelScalarIsAnError() throws IOException {
        Path file = write("patroni.yml", "just text\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("config error: " + file + ":1:1: the top level must be a mapping (key: value), "
                + "got the text \"just text\"", e.getMessage());
    }

    @Test
    void secondDocumentIsAnError() throws IOException {
        Path file = write("patroni.yml", "scope: a\n---\nscope: b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file));
        assertEquals("config error: " + file + ":3:1: expected a single document, found a second one", e.getMessage());
    }

    @Test
    void commentOnlyFileIsAnEmptyConfiguration() throws IOException {
        Path file = write("patronictl.yaml", "# nothing yet\n");
        assertEquals(Map.of(), ConfigLoader.load(file).tree());
    }

    @Test
    void missingPathIsAnError() {
        Path missing = dir.resolve("nope.yml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));
        assertEquals("config error: " + missing + ": no such file or directory", e.getMessage());
    }

    @Test
    void directoryFilesAreDeepMergedInNameOrderAndNullDeletes() throws IOException {
        Path conf = dir.resolve("conf.d");
        write("conf.d/20-site.yaml", """
                etcd3:
                  hosts: 10.0.0.1:2379
                  protocol: https
                restapi:
                  authentication: ~
                tags:
                  nofailover: true
                """);
        write("conf.d/10-base.yml", """
                scope: demo
                namespace: /base
                etcd3:
                  hosts: 127.0.0.1:2379
                  cacert: /etc/ca.pem
                restapi:
                  listen: 0.0.0.0:8008
                  authentication:
                    username: u
                    password: p
                """);
        write("conf.d/30-last.yml", "namespace: ~\nscope: prod\n");
        write("conf.d/notes.txt", "scope: ignored\n");
        write("conf.d/99-dir.yml/inner.yml", "scope: ignored\n");

        PatroniConfig config = ConfigLoader.load(conf);

        assertEquals("prod", config.tree().get("scope"));
        assertFalse(config.tree().containsKey("namespace"), "null in a later file deletes the key");
        assertEquals(Map.of("hosts", "10.0.0.1:2379", "cacert", "/etc/ca.pem", "protocol", "https"),
                config.tree().get("etcd3"));
        assertEquals(Map.of("listen", "0.0.0.0:8008"), config.tree().get("restapi"));
        assertEquals(Map.of("nofailover", true), config.tree().get("tags"));
        assertEquals(conf.toString(), config.source());
    }

    @Test
    void malformedFileInADirectoryIsNamed() throws IOException {
        write("conf.d/10-ok.yml", "scope: demo\n");
        Path bad = write("conf.d/20-bad.yml", "scope: [demo\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("conf.d")));
        assertTrue(e.getMessage().startsWith("config error: " + bad + ":2:1: "), e.getMessage());
    }

    @Test
    void emptyDirectoryIsAnEmptyConfiguration() throws IOException {
        Files.createDirectory(dir.resolve("empty"));
        assertEquals(Map.of(), ConfigLoader.load(dir.resolve("empty")).tree());
    }

    @Test
    void anchorsAliasesAndMergeKeysAreResolvedAsPatroniDoes() throws IOException {
        Path file = write("patroni.yml", """
                common: &common
                  username: admin
                  sslmode: require
                postgresql:
                  authentication:
                    superuser:
                      <<: *common
                      password: secret
                    rewind: *common
                """);
        Map<String, Object> tree = ConfigLoader.load(file).tree();
        Map<?, ?> auth = (Map<?, ?>) ((Map<?, ?>) tree.get("postgresql")).get("authentication");
        assertEquals(Map.of("username", "admin", "sslmode", "require", "password", "secret"), auth.get("superuser"));
        assertEquals(Map.of("username", "admin", "sslmode", "require"), auth.get("rewind"));
    }

    @Test
    void treeIsReadOnly() throws IOException {
        Path file = write("patroni.yml", "scope: demo\netcd3: {host: a}\n");
        PatroniConfig config = ConfigLoader.load(file);
        assertThrows(UnsupportedOperationException.class, () -> config.tree().put("scope", "x"));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) config.tree().get("etcd3")).clear());
    }

    @Test
    void wholeConfigurationFromAString() {
        PatroniConfig config = ConfigLoader.parse("scope: demo\netcd3:\n  host: h:2379\n", "PATRONI_CONFIGURATION");
        assertEquals("demo", config.tree().get("scope"));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("scope: demo\n bad: [\n", "PATRONI_CONFIGURATION"));
        assertTrue(e.getMessage().startsWith("config error: PATRONI_CONFIGURATION:2:"), e.getMessage());
    }
}
