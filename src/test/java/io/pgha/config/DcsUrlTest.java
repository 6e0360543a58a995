package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DcsUrlTest {

    @Test
    void fullUrl() {
        assertEquals(new DcsUrl("etcd.example", 23791, "/other"), DcsUrl.parse("etcd3://etcd.example:23791/other"));
    }

    @Test
    void missingPortIs2379AndMissingHostIsLocalhost() {
        assertEquals(new DcsUrl("h", 2379, null), DcsUrl.parse("etcd3://h"));
        assertEquals(new DcsUrl("localhost", 2379, null), DcsUrl.parse("etcd3://"));
        assertEquals(new DcsUrl("localhost", 2380, null), DcsUrl.parse("etcd3://:2380"));
    }

    @Test
    void slashAloneKeepsTheNamespace() {
        assertNull(DcsUrl.parse("etcd3://h:2379/").namespace());
    }

    @Test
    void schemeAndHostAreCaseInsensitive() {
        assertEquals(new DcsUrl("etcd1", 2379, null), DcsUrl.parse("ETCD3://Etcd1:2379"));
    }

    @Test
    void ipv6HostKeepsItsBrackets() {
        DcsUrl url = DcsUrl.parse("etcd3://[::1]:2379");
        assertEquals("::1", url.host());
        assertEquals("[::1]:2379", url.endpoint());
    }

    @Test
    void unknownSchemeIsPatronictlsMessage() {
        ConfigException e = assertThrows(ConfigException.class, () -> DcsUrl.parse("foo://h:1"));
        assertEquals("Unknown dcs scheme: foo", e.getMessage());
    }

    @Test
    void etcdV2SchemeIsRefusedWithTheFix() {
        ConfigException e = assertThrows(ConfigException.class, () -> DcsUrl.parse("etcd://10.0.0.1:2379"));
        assertEquals("Unsupported dcs scheme: etcd is etcd's v2 API; pgha supports etcd v3 only: "
                + "write etcd3://10.0.0.1:2379", e.getMessage());
    }

    @Test
    void otherKnownSchemesAreRefused() {
        for (String scheme : List.of("consul", "zookeeper", "exhibitor")) {
            ConfigException e = assertThrows(ConfigException.class, () -> DcsUrl.parse(scheme + "://h:1"));
            assertEquals("Unsupported dcs scheme: " + scheme + "; pgha supports etcd v3 only: write etcd3://HOST:PORT",
                    e.getMessage());
        }
    }

    @Test
    void noSchemeIsEtcdV2InPatronictlSoRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> DcsUrl.parse("localhost:2379"));
        assertEquals("-d/--dcs-url localhost:2379 has no scheme, which patronictl reads as etcd (v2); "
                + "pgha supports etcd v3 only: write etcd3://localhost:2379", e.getMessage());
        ConfigException consul = assertThrows(ConfigException.class, () -> DcsUrl.parse("10.0.0.5:8500"));
        assertEquals("-d/--dcs-url 10.0.0.5:8500 has no scheme, which patronictl reads as consul; "
                + "pgha supports etcd v3 only: write etcd3://10.0.0.5:8500", consul.getMessage());
    }

    @Test
    void badPortIsOneLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> DcsUrl.parse("etcd3://h:abc"));
        assertEquals("Invalid -d/--dcs-url \"etcd3://h:abc\": port must be a number from 0 to 65535",
                e.getMessage());
    }

    @Test
    void replacesEveryDcsSectionAndTheNamespace() {
        PatroniConfig file = ConfigLoader.parse("""
                scope: demo
                namespace: /service
                etcd: {host: 'old:2379'}
                etcd3: {hosts: 'a:2379,b:2379', username: root, password: pw}
                consul: {host: 'c:8500'}
                restapi: {listen: ':8008'}
                """, "patroni.yml");
        PatroniConfig config = DcsUrl.parse("etcd3://127.0.0.1:23791/other").applyTo(file);

        assertEquals(Map.of("host", "127.0.0.1:23791"), config.tree().get("etcd3"));
        assertFalse(config.tree().containsKey("etcd"));
        assertFalse(config.tree().containsKey("consul"));
        assertEquals(Map.of("listen", ":8008"), config.tree().get("restapi"));
        assertEquals("/other/demo", config.cluster().base());
        assertEquals(List.of(URI.create("http://127.0.0.1:23791")), config.etcd(Duration.ofSeconds(3)).endpoints());
        assertNull(config.etcd3().username(), "credentials of the replaced section are gone, as in patronictl");
    }
}
