package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentOverridesTest {

    private static Object at(PatroniConfig config, String... path) {
        Object value = config.tree();
        for (String key : path) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }

    private static PatroniConfig env(Map<String, String> env) {
        return EnvironmentOverrides.fromEnvironment(env);
    }

    @Test
    void topLevelNameNamespaceScope() {
        PatroniConfig config = env(Map.of("PATRONI_NAME", "node1", "PATRONI_NAMESPACE", "/db", "PATRONI_SCOPE", "demo",
                "HOME", "/root", "PATRONI_FOO", "ignored"));
        assertEquals(Map.of("name", "node1", "namespace", "/db", "scope", "demo"), config.tree());
        assertEquals("environment", config.source());
    }

    @Test
    void environmentWinsOverTheFileAndKeepsTheRest() {
        PatroniConfig file = ConfigLoader.parse("scope: demo\nname: node1\netcd3: {hosts: 'a:2379', protocol: https}\n",
                "patroni.yml");
        PatroniConfig config = EnvironmentOverrides.applyTo(file, Map.of("PATRONI_SCOPE", "prod",
                "PATRONI_ETCD3_HOSTS", "b:2379,c:2379"));
        assertEquals("prod", at(config, "scope"));
        assertEquals("node1", at(config, "name"));
        assertEquals(List.of("b:2379", "c:2379"), at(config, "etcd3", "hosts"));
        assertEquals("https", at(config, "etcd3", "protocol"));
        assertEquals("patroni.yml", config.source());
    }

    @Test
    void emptyValuesAreIgnored() {
        PatroniConfig file = ConfigLoader.parse("scope: demo\n", "patroni.yml");
        assertEquals("demo", at(EnvironmentOverrides.applyTo(file, Map.of("PATRONI_SCOPE", "")), "scope"));
    }

    @Test
    void logSectionWithTypes() {
        PatroniConfig config = env(Map.of(
                "PATRONI_LOG_TYPE", "json",
                "PATRONI_LOG_LEVEL", "DEBUG",
                "PATRONI_LOG_FORMAT", "message, levelname",
                "PATRONI_LOG_FILE_NUM", "10",
                "PATRONI_LOG_MODE", "0640",
                "PATRONI_LOG_LOGGERS", "patroni.postmaster: WARNING, urllib3: DEBUG",
                "PATRONI_LOG_STATIC_FIELDS", "{app: patroni}",
                "PATRONI_LOG_DEDUPLICATE_HEARTBEAT_LOGS", "on"));
        assertEquals("json", at(config, "log", "type"));
        assertEquals("DEBUG", at(config, "log", "level"));
        assertEquals(List.of("message", "levelname"), at(config, "log", "format"));
        assertEquals(10, at(config, "log", "file_num"));
        assertEquals(0640, at(config, "log", "mode"));
        assertEquals(Map.of("patroni.postmaster", "WARNING", "urllib3", "DEBUG"), at(config, "log", "loggers"));
        assertEquals(Map.of("app", "patroni"), at(config, "log", "static_fields"));
        assertEquals(true, at(config, "log", "deduplicate_heartbeat_logs"));
    }

    @Test
    void logFormatWithPlaceholdersStaysText() {
        PatroniConfig config = env(Map.of("PATRONI_LOG_FORMAT", "%(asctime)s %(levelname)s: %(message)s"));
        assertEquals("%(asctime)s %(levelname)s: %(message)s", at(config, "log", "format"));
    }

    @Test
    void legacyLogLevelAppliesOnlyWhenTheNewVariableIsAbsent() {
        assertEquals("ERROR", at(env(Map.of("PATRONI_LOGLEVEL", "ERROR")), "log", "level"));
        assertEquals("INFO", at(env(Map.of("PATRONI_LOGLEVEL", "ERROR", "PATRONI_LOG_LEVEL", "INFO")), "log", "level"));
        assertEquals("%Y", at(env(Map.of("PATRONI_LOG_DATEFMT", "%Y")), "log", "dateformat"));
        assertNull(at(env(Map.of("PATRONI_LOGLEVEL", "ERROR", "PATRONI_LOG_LEVEL", "")), "log", "level"),
                "an empty new variable still hides the legacy one");
    }

    @Test
    void restapiSectionAndCredentials() {
        PatroniConfig config = env(Map.of(
                "PATRONI_RESTAPI_LISTEN", "0.0.0.0:8008",
                "PATRONI_RESTAPI_CONNECT_ADDRESS", "10.0.0.1:8008",
                "PATRONI_RESTAPI_USERNAME", "admin",
                "PATRONI_RESTAPI_PASSWORD", "secret",
                "PATRONI_RESTAPI_ALLOWLIST", "10.0.0.0/8, 127.0.0.1",
                "PATRONI_RESTAPI_ALLOWLIST_INCLUDE_MEMBERS", "yes",
                "PATRONI_RESTAPI_REQUEST_QUEUE_SIZE", "10",
                "PATRONI_RESTAPI_HTTP_EXTRA_HEADERS", "X-Frame-Options: SAMEORIGIN"));
        assertEquals("0.0.0.0:8008", at(config, "restapi", "listen"));
        assertEquals("10.0.0.1:8008", at(config, "restapi", "connect_address"));
        assertEquals(Map.of("username", "admin", "password", "secret"), at(config, "restapi", "authentication"));
        assertEquals(List.of("10.0.0.0/8", "127.0.0.1"), at(config, "restapi", "allowlist"));
        assertEquals(true, at(config, "restapi", "allowlist_include_members"));
        assertEquals(10, at(config, "restapi", "request_queue_size"));
        assertEquals(Map.of("X-Frame-Options", "SAMEORIGIN"), at(config, "restapi", "http_extra_headers"));
    }

    @Test
    void ctlSection() {
        PatroniConfig config = env(Map.of("PATRONI_CTL_INSECURE", "off", "PATRONI_CTL_CACERT", "/ca.pem",
                "PATRONI_CTL_USERNAME", "ctl", "PATRONI_CTL_PASSWORD", "pw"));
        assertEquals(false, at(config, "ctl", "insecure"));
        assertEquals("/ca.pem", at(config, "ctl", "cacert"));
        assertEquals(Map.of("username", "ctl", "password", "pw"), at(config, "ctl", "authentication"));
    }

    @Test
    void postgresqlSectionBinariesAndUsers() {
        PatroniConfig config = env(Map.of(
                "PATRONI_POSTGRESQL_LISTEN", "*:5432",
                "PATRONI_POSTGRESQL_CONNECT_ADDRESS", "10.0.0.1:5432",
                "PATRONI_POSTGRESQL_PROXY_ADDRESS", "10.0.0.9:6432",
                "PATRONI_POSTGRESQL_DATA_DIR", "/var/lib/pg",
                "PATRONI_POSTGRESQL_CONFIG_DIR", "/etc/pg",
                "PATRONI_POSTGRESQL_PGPASS", "/tmp/pgpass",
                "PATRONI_POSTGRESQL_BIN_DIR", "/usr/lib/postgresql/15/bin",
                "PATRONI_POSTGRESQL_BIN_PG_CTL", "pg_ctl15",
                "PATRONI_SUPERUSER_USERNAME", "postgres",
                "PATRONI_SUPERUSER_PASSWORD", "su"));
        assertEquals("*:5432", at(config, "postgresql", "listen"));
        assertEquals("10.0.0.1:5432", at(config, "postgresql", "connect_address"));
        assertEquals("10.0.0.9:6432", at(config, "postgresql", "proxy_address"));
        assertEquals("/var/lib/pg", at(config, "postgresql", "data_dir"));
        assertEquals("/etc/pg", at(config, "postgresql", "config_dir"));
        assertEquals("/tmp/pgpass", at(config, "postgresql", "pgpass"));
        assertEquals("/usr/lib/postgresql/15/bin", at(config, "postgresql", "bin_dir"));
        assertEquals(Map.of("pg_ctl", "pg_ctl15"), at(config, "postgresql", "bin_name"));
        assertEquals(Map.of("username", "postgres", "password", "su"),
                at(config, "postgresql", "authentication", "superuser"));
    }

    @Test
    void replicationAndRewindUsersTakeTheirSslSettings() {
        PatroniConfig config = env(Map.of(
                "PATRONI_REPLICATION_USERNAME", "replicator",
                "PATRONI_REPLICATION_SSLMODE", "verify-full",
                "PATRONI_REPLICATION_CHANNEL_BINDING", "require",
                "PATRONI_REWIND_USERNAME", "rewinder",
                "PATRONI_REWIND_SSLROOTCERT", "/ca.pem"));
        assertEquals(Map.of("username", "replicator", "sslmode", "verify-full", "channel_binding", "require"),
                at(config, "postgresql", "authentication", "replication"));
        assertEquals(Map.of("username", "rewinder", "sslrootcert", "/ca.pem"),
                at(config, "postgresql", "authentication", "rewind"));
    }

    @Test
    void etcd3VariablesWithTypes() {
        PatroniConfig config = env(Map.of(
                "PATRONI_ETCD3_HOSTS", "[10.0.0.1:2379, 10.0.0.2:2379]",
                "PATRONI_ETCD3_PORT", "2380",
                "PATRONI_ETCD3_USE_PROXIES", "TRUE",
                "PATRONI_ETCD3_PROTOCOL", "https",
                "PATRONI_ETCD3_CACERT", "/ca.pem",
                "PATRONI_ETCD3_CERT", "/c.pem",
                "PATRONI_ETCD3_KEY", "/k.pem",
                "PATRONI_ETCD3_USERNAME", "root",
                "PATRONI_ETCD3_PASSWORD", "etcdpw"));
        assertEquals(List.of("10.0.0.1:2379", "10.0.0.2:2379"), at(config, "etcd3", "hosts"));
        assertEquals(2380, at(config, "etcd3", "port"));
        assertEquals(true, at(config, "etcd3", "use_proxies"));
        assertEquals("https", at(config, "etcd3", "protocol"));
        assertEquals("/ca.pem", at(config, "etcd3", "cacert"));
        assertEquals("/c.pem", at(config, "etcd3", "cert"));
        assertEquals("/k.pem", at(config, "etcd3", "key"));
        assertEquals("root", at(config, "etcd3", "username"));
        assertEquals("etcdpw", at(config, "etcd3", "password"));
    }

    @Test
    void etcd3SingleValuedKeys() {
        PatroniConfig config = env(Map.of("PATRONI_ETCD3_HOST", "h:2379", "PATRONI_ETCD3_URL", "http://u:p@h:2379",
                "PATRONI_ETCD3_PROXY", "http://p:2379", "PATRONI_ETCD3_SRV", "example.com"));
        assertEquals(Map.of("host", "h:2379", "url", "http://u:p@h:2379", "proxy", "http://p:2379", "srv", "example.com"),
                at(config, "etcd3"));
    }

    @Test
    void etcd3CredentialsAloneDoNotCreateOrCompleteASection() {
        assertEquals(Map.of(), env(Map.of("PATRONI_ETCD3_USERNAME", "root", "PATRONI_ETCD3_PASSWORD", "pw")).tree());

        PatroniConfig file = ConfigLoader.parse("etcd3: {hosts: 'a:2379'}\n", "patroni.yml");
        PatroniConfig config = EnvironmentOverrides.applyTo(file, Map.of("PATRONI_ETCD3_USERNAME", "root"));
        assertEquals(Map.of("hosts", "a:2379"), at(config, "etcd3"),
                "only a section created by another PATRONI_ETCD3_ variable takes the credentials");
    }

    @Test
    void etcdV2VariablesFollowTheSameScheme() {
        PatroniConfig config = env(Map.of("PATRONI_ETCD_HOST", "h:2379", "PATRONI_ETCD_USERNAME", "root"));
        assertEquals(Map.of("host", "h:2379", "username", "root"), at(config, "etcd"));
    }

    @Test
    void citusGroupIsAnIntegerAndOtherCitusKeysAreDropped() {
        PatroniConfig config = env(Map.of("PATRONI_CITUS_GROUP", "1", "PATRONI_CITUS_DATABASE", "citus",
                "PATRONI_CITUS_HOST", "ignored"));
        assertEquals(Map.of("group", 1, "database", "citus"), at(config, "citus"));
        assertEquals(Optional.of(new CitusSettings(1, "citus")), config.citus());
    }

    @Test
    void everyBooleanSpellingPatroniAccepts() {
        for (String yes : List.of("on", "true", "yes", "1", "TRUE", "Yes")) {
            assertEquals(true, at(env(Map.of("PATRONI_CTL_INSECURE", yes)), "ctl", "insecure"), yes);
        }
        for (String no : List.of("off", "false", "no", "0", "OFF")) {
            assertEquals(false, at(env(Map.of("PATRONI_CTL_INSECURE", no)), "ctl", "insecure"), no);
        }
    }

    @Test
    void badBooleanNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> env(Map.of("PATRONI_ETCD3_USE_PROXIES", "maybe")));
        assertEquals("config error: PATRONI_ETCD3_USE_PROXIES: expected a boolean (true/false, on/off, yes/no, 1/0), "
                + "got \"maybe\"", e.getMessage());
    }

    @Test
    void badIntegerNamesTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> env(Map.of("PATRONI_ETCD3_PORT", "23 79")));
        assertEquals("config error: PATRONI_ETCD3_PORT: expected an integer, got \"23 79\"", e.getMessage());
    }

    @Test
    void integersAreReadLikeStrtol() {
        assertEquals(16, at(env(Map.of("PATRONI_LOG_FILE_NUM", "0x10")), "log", "file_num"));
        assertEquals(25_000_000_000L, at(env(Map.of("PATRONI_LOG_FILE_SIZE", "25000000000")), "log", "file_size"));
    }

    @Test
    void errorsAboutAValueFromTheEnvironmentNameTheVariable() {
        PatroniConfig file = ConfigLoader.parse("scope: demo\netcd3: {hosts: 'a:2379'}\n", "patroni.yml");
        PatroniConfig config = EnvironmentOverrides.applyTo(file, Map.of("PATRONI_ETCD3_HOSTS", "foo:bar:baz"));
        ConfigException e = assertThrows(ConfigException.class, config::etcd3);
        assertEquals("config error: PATRONI_ETCD3_HOSTS: etcd3.hosts: expected host:port, got \"foo:bar:baz\"",
                e.getMessage());
    }

    @Test
    void aSectionMadeByTheEnvironmentIsBlamedOnItsVariable() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> env(Map.of("PATRONI_ETCD3_PROTOCOL", "https")).etcd3());
        assertEquals("config error: PATRONI_ETCD3_PROTOCOL: etcd3: no endpoint; set hosts (host:port,...), host, url "
                + "or proxy", e.getMessage());
    }

    @Test
    void credentialsFromTheEnvironmentAreNotPrinted() {
        PatroniConfig config = env(Map.of("PATRONI_RESTAPI_USERNAME", "admin", "PATRONI_RESTAPI_PASSWORD", "s3cr3t"));
        assertFalse(config.toString().contains("s3cr3t"));
        assertFalse(config.ctl().toString().contains("s3cr3t"));
    }
}
