package io.pgha.agent;

import io.pgha.api.RestClientSettings;
import io.pgha.config.BootstrapSection;
import io.pgha.config.ConfigException;
import io.pgha.config.CtlSettings;
import io.pgha.config.Etcd3Section;
import io.pgha.config.PatroniConfig;
import io.pgha.config.PostgresqlSection;
import io.pgha.config.RestApiSection;
import io.pgha.config.RestApiSecurity;
import io.pgha.config.Section;
import io.pgha.dcs.DynamicConfig;
import io.pgha.dcs.Keyspace;
import io.pgha.ha.CloneMethods;
import io.pgha.ha.HaSettings;
import io.pgha.ha.Tags;
import io.pgha.postgres.PostgresSettings;
import io.pgha.postgres.ReplicaMethods;
import java.util.Map;

/**
 * The local configuration an agent runs with, every section checked once at start: a mistake is
 * reported before anything touches etcd or PostgreSQL.
 */
public record AgentConfig(PatroniConfig source, String name, Keyspace keyspace, Etcd3Section etcd3,
                          RestApiSection restapi, PostgresqlSection postgresql, BootstrapSection bootstrap,
                          Map<String, Object> tags, RestClientSettings restClient) {

    /** Patroni reserves it for synchronous_mode_strict (config.md §2). */
    static final String RESERVED_NAME = "__patroni_strict_sync_replica_placeholder__";

    public static AgentConfig from(PatroniConfig config) {
        Section root = config.section();
        if (config.tree().isEmpty()) {
            throw new ConfigException("config error: " + config.source() + ": the configuration is empty");
        }
        String name = root.string("name").orElseThrow(() -> root.error("name: not set; every member needs a unique name"));
        if (name.equals(RESERVED_NAME) || name.contains("/")) {
            throw root.error("name", "cannot be " + name);
        }
        PostgresqlSection postgresql = PostgresqlSection.from(config);
        PostgresqlSection.checkReplicaMethods(config);
        CtlSettings ctl = config.ctl();
        RestClientSettings rest = RestClientSettings.of(ctl, false, RestClientSettings.DEFAULT_TIMEOUT);
        RestApiSecurity.from(config); // its mistakes are configuration errors too, reported before anything starts
        io.pgha.agent.watchdog.WatchdogSettings.from(root.section("watchdog"));
        Section tags = root.section("tags");
        return new AgentConfig(config, name, config.cluster(), config.etcd3(), RestApiSection.from(config), postgresql,
                BootstrapSection.from(config), tags.isPresent() ? tags.values() : Map.of(), rest);
    }

    /** The dynamic configuration to use before any {@code /config} was read: {@code bootstrap.dcs}. */
    public DynamicConfig bootstrapDynamic() {
        return new DynamicConfig(bootstrap.dcs(), 0, false);
    }

    public PostgresSettings postgresSettings(DynamicConfig dynamic) {
        return postgresql.toSettings(keyspace.scope(), name, bootstrap, dynamic.data());
    }

    public HaSettings haSettings(DynamicConfig dynamic) {
        Map<String, Object> data = dynamic.data();
        ReplicaMethods methods = replicaMethods(data);
        return new HaSettings(name, Tags.of(tags), postgresql.flag(data, "use_pg_rewind"),
                postgresql.flag(data, "remove_data_directory_on_rewind_failure"),
                postgresql.flag(data, "remove_data_directory_on_diverged_timelines"),
                bootstrap.present(), new CloneMethods(methods.configured(), methods.usableWithoutLeader()), dynamic);
    }

    /**
     * The replica creation methods under the dynamic configuration {@code data}; the local ones (checked
     * at start) when the dynamic postgresql section spoils them (the clone task says so when it runs).
     */
    private ReplicaMethods replicaMethods(Map<String, Object> data) {
        try {
            return postgresql.replicaMethods(data);
        } catch (ConfigException e) {
            return postgresql.replicaMethods(Map.of());
        }
    }

    @Override
    public String toString() {
        return "AgentConfig[name=" + name + ", keyspace=" + keyspace + ", source=" + source.source() + "]";
    }
}
