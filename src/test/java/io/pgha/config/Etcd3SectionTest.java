package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.EtcdSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Etcd3SectionTest {
    @TempDir
    Path dir;

    private static Etcd3Section etcd3(String yaml) {
        return ConfigLoader.parse(yaml, "patroni.yml").etcd3();
    }

    private static List<URI> uris(String... uris) {
        return List.of(uris).stream().map(URI::create).toList();
    }

    @Test
    void hostsAsAList() {
        assertEquals(uris("http://10.0.0.1:2379", "http://10.0.0.2:2380"),
                etcd3("etcd3:\n  hosts: [10.0.0.1:2379, '10.0.0.2:2380']\n").endpoints());
    }

    @Test
    void hostsAsACommaStringWithDefaultPortAndHttps() {
        assertEquals(uris("https://a:2379", "https://b:2390", "https://[::1]:2379"),
                etcd3("etcd3:\n  hosts: 'a, b:2390,[::1],'\n  protocol: https\n").endpoints());
        assertEquals(uris("http://a:4001"), etcd3("etcd3:\n  hosts: a\n  port: 4001\n").endpoints());
    }

    @Test
    void singleHostWhosePortAnExplicitPortOverrides() {
        assertEquals(uris("http://h:2379"), etcd3("etcd3: {host: h}\n").endpoints());
        assertEquals(uris("http://h:1234"), etcd3("etcd3: {host: 'h:1234'}\n").endpoints());
        assertEquals(uris("http://h:5555"), etcd3("etcd3: {host: 'h:1234', port: 5555}\n").endpoints());
    }

    @Test
    void urlCarriesSchemeAndCredentials() {
        Etcd3Section section = etcd3("etcd3:\n  url: https://root:p%w@d@etcd.example:2379\n  username: other\n");
        assertEquals(uris("https://etcd.example:2379"), section.endpoints());
        assertEquals("root", section.username());
        assertEquals("p%w@d", section.password());
        assertFalse(section.useProxies());
    }

    @Test
    void urlWithoutCredentialsDropsTheSectionCredentialsAsPatroniDoes() {
        Etcd3Section section = etcd3("etcd3:\n  url: http://h\n  username: root\n  password: pw\n");
        assertEquals(uris("http://h:2379"), section.endpoints());
        assertNull(section.username());
        assertNull(section.password());
    }

    @Test
    void malformedUrlDoesNotEchoWhatMayBeAPassword() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> etcd3("etcd3:\n  url: http://root:s3cr#t@h:2379\n"));
        assertEquals("config error: patroni.yml:2:3: etcd3.url: port must be a number from 0 to 65535", e.getMessage());
    }

    @Test
    void proxyImpliesUseProxies() {
        Etcd3Section section = etcd3("etcd3:\n  proxy: http://proxy:2379\n  hosts: a:2379\n");
        assertEquals(uris("http://proxy:2379"), section.endpoints());
        assertTrue(section.useProxies());
    }

    @Test
    void credentialsAndTlsFilesBecomeEtcdSettings() {
        Etcd3Section section = etcd3("""
                etcd3:
                  hosts: a:2379
                  protocol: https
                  username: root
                  password: pw
                  cacert: /etc/etcd/ca.pem
                  cert: /etc/etcd/client.pem
                  key: /etc/etcd/client.key
                """);
        EtcdSettings settings = section.toSettings(Duration.ofSeconds(7));
        assertEquals(new EtcdSettings(uris("https://a:2379"), "root", "pw", Path.of("/etc/etcd/ca.pem"),
                Path.of("/etc/etcd/client.pem"), Path.of("/etc/etcd/client.key"), Duration.ofSeconds(7)), settings);
    }

    @Test
    void malformedHostNamesTheKeyTheFilePositionAndTheValue() throws IOException {
        Path file = Files.writeString(dir.resolve("patroni.yml"), """
                scope: demo
                etcd3:
                  hosts:
                    - a:2379
                    - foo:bar:baz
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file).etcd3());
        assertEquals("config error: " + file + ":3:3: etcd3.hosts: expected host:port, got \"foo:bar:baz\"",
                e.getMessage());
    }

    @Test
    void otherMalformedEndpoints() {
        assertEquals("config error: patroni.yml:1:9: etcd3.hosts: expected host:port, got 2379",
                assertThrows(ConfigException.class, () -> etcd3("etcd3: {hosts: [2379]}\n")).getMessage());
        assertEquals("config error: patroni.yml:1:9: etcd3.hosts: expected host:port, got \"http://a:2379\"",
                assertThrows(ConfigException.class, () -> etcd3("etcd3: {hosts: 'http://a:2379'}\n")).getMessage());
        assertEquals("config error: patroni.yml:1:9: etcd3.host: expected host:port, got \"h:99999\"",
                assertThrows(ConfigException.class, () -> etcd3("etcd3: {host: 'h:99999'}\n")).getMessage());
        assertEquals("config error: patroni.yml:1:9: etcd3.url: expected http(s)://host:port, got \"ftp://u:***@h\"",
                assertThrows(ConfigException.class, () -> etcd3("etcd3: {url: 'ftp://u:pw@h'}\n")).getMessage());
        assertEquals("config error: patroni.yml:1:9: etcd3.port: expected an integer, got \"abc\"",
                assertThrows(ConfigException.class, () -> etcd3("etcd3: {port: abc, hosts: a}\n")).getMessage());
    }

    @Test
    void protocolMustBeHttpOrHttps() {
        ConfigException e = assertThrows(ConfigException.class, () -> etcd3("etcd3:\n  hosts: a\n  protocol: grpc\n"));
        assertEquals("config error: patroni.yml:3:3: etcd3.protocol: expected http or https, got \"grpc\"", e.getMessage());
    }

    @Test
    void sectionWithoutEndpoint() {
        ConfigException e = assertThrows(ConfigException.class, () -> etcd3("etcd3:\n  username: root\n"));
        assertEquals("config error: patroni.yml:1:1: etcd3: no endpoint; set hosts (host:port,...), host, url or proxy",
                e.getMessage());
    }

    @Test
    void srvDiscoveryIsNotSupported() {
        ConfigException e = assertThrows(ConfigException.class, () -> etcd3("etcd3:\n  srv: example.com\n"));
        assertEquals("config error: patroni.yml:1:1: etcd3: DNS SRV discovery is not supported by pgha; "
                + "list the endpoints in etcd3.hosts", e.getMessage());
    }

    @Test
    void etcdV2SectionIsRefusedWithTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> etcd3("scope: a\netcd:\n  host: h:2379\n"));
        assertEquals("config error: patroni.yml:2:1: etcd: pgha supports etcd v3 only; configure an etcd3 section "
                + "(same keys) instead of Patroni's etcd section, which uses the v2 API", e.getMessage());
    }

    @Test
    void noDcsAtAll() {
        ConfigException e = assertThrows(ConfigException.class, () -> etcd3("scope: a\n"));
        assertEquals("config error: patroni.yml: no etcd3 section; set etcd3.hosts in the configuration, "
                + "PATRONI_ETCD3_HOSTS, or -d etcd3://HOST:PORT", e.getMessage());
    }

    @Test
    void passwordIsNeverPrinted() {
        Etcd3Section section = etcd3("etcd3: {hosts: a, username: root, password: s3cr3t}\n");
        assertFalse(section.toString().contains("s3cr3t"), section.toString());
        assertFalse(section.toSettings(Duration.ofSeconds(1)).toString().contains("s3cr3t"));
        assertTrue(section.toString().contains("root"));
    }
}
