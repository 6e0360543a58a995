package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatroniConfigClusterTest {

    @Test
    void namespaceSpellingsAllGiveTheSameBasePath() {
        for (String namespace : List.of("service", "/service", "/service/", "//service")) {
            PatroniConfig config = ConfigLoader.parse("scope: demo\nnamespace: '" + namespace + "'\n", "patroni.yml");
            assertEquals("/service/demo", config.cluster().base(), namespace);
        }
    }

    @Test
    void defaultNamespaceIsService() {
        PatroniConfig config = ConfigLoader.parse("scope: demo\n", "patroni.yml");
        assertEquals("/service", config.namespace());
        assertEquals(new io.pgha.dcs.Keyspace("/service", "demo"), config.cluster());
        assertEquals("/service/demo/leader", config.cluster().key("leader"));
        assertEquals("/service/demo/", config.cluster().prefix());
    }

    @Test
    void nestedNamespace() {
        PatroniConfig config = ConfigLoader.parse("scope: demo\nnamespace: /pg/prod/\n", "patroni.yml");
        assertEquals("/pg/prod/demo", config.cluster().base());
    }

    @Test
    void clusterNameFromTheCommandLineUsesTheConfiguredNamespace() {
        PatroniConfig config = ConfigLoader.parse("scope: demo\nnamespace: /db\n", "patroni.yml");
        assertEquals("/db/other", config.cluster("other").base());
    }

    @Test
    void numericScopeIsText() {
        PatroniConfig config = ConfigLoader.parse("scope: 2024\n", "patroni.yml");
        assertEquals(Optional.of("2024"), config.scope());
        assertEquals("/service/2024", config.cluster().base());
    }

    @Test
    void missingScopeSaysHowToFixIt() {
        PatroniConfig config = ConfigLoader.parse("namespace: /db\n", "patroni.yml");
        ConfigException e = assertThrows(ConfigException.class, config::cluster);
        assertEquals("config error: patroni.yml: scope: not set; give a cluster name or set scope (or PATRONI_SCOPE)",
                e.getMessage());
    }
}
