package io.pgha.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicConfigValidatorTest {

    private static List<String> problems(String yaml) {
        return DynamicConfigValidator.problems(YamlText.parse(yaml, "test"));
    }

    @Test
    void patroniDefaultsAndACapturedConfigurationAreValid() {
        assertEquals(List.of(), problems("{}"));
        assertEquals(List.of(), problems("""
                loop_wait: 2
                maximum_lag_on_failover: 1048576
                postgresql:
                  parameters: {hot_standby: 'on', max_connections: 100, wal_level: replica, work_mem: 8MB,
                               max_replication_slots: '10', pg_stat_statements.track: all}
                  use_pg_rewind: true
                  use_slots: true
                retry_timeout: 3
                synchronous_mode: quorum
                ttl: 10
                slots: {keep: {type: logical, database: app, plugin: pgoutput}, phys: null}
                member_slots_ttl: 30min
                """));
    }

    @Test
    void timingsMustBeIntegersLeavingRoomForTwoRetriesAndALoop() {
        assertEquals(List.of("ttl 30 must be at least loop_wait + 2*retry_timeout = 20 + 2*10 = 40 "
                + "(an isolated primary must stop writing before its leader key expires)"), problems("loop_wait: 20"));
        assertEquals(List.of("loop_wait: 'ten' is not an integer"), problems("loop_wait: ten"));
        assertEquals(List.of("retry_timeout: 0 is out of range (at least 1)"), problems("retry_timeout: 0"));
        assertEquals(List.of("ttl: 2.5 is not an integer",
                "ttl 30 must be at least loop_wait + 2*retry_timeout = 10 + 2*20 = 50 "
                        + "(an isolated primary must stop writing before its leader key expires)"),
                problems("ttl: 2.5\nretry_timeout: 20"));
        assertEquals(List.of(), problems("ttl: '40'\nloop_wait: 20\nretry_timeout: 10"));
    }

    @Test
    void knownKeysAreTyped() {
        assertEquals(List.of("maximum_lag_on_failover: -1 is out of range (at least 0)"),
                problems("maximum_lag_on_failover: -1"));
        assertEquals(List.of("synchronous_mode: 'sometimes' is not a boolean (on/off, true/false) or quorum"),
                problems("synchronous_mode: sometimes"));
        assertEquals(List.of("pause: 'maybe' is not a boolean (on/off, true/false, yes/no, 1/0)"),
                problems("pause: maybe"));
        assertEquals(List.of("synchronous_node_count: 0 is out of range (at least 1)"),
                problems("synchronous_node_count: 0"));
        assertEquals(List.of("standby_cluster: needs host, port or restore_command"),
                problems("standby_cluster: {primary_slot_name: x}"));
        assertEquals(List.of("standby_cluster.port: 70000 is out of range (1..65535)"),
                problems("standby_cluster: {port: 70000}"));
        assertEquals(List.of("slots.s: a logical slot needs database and plugin"),
                problems("slots: {s: {type: logical}}"));
    }

    @Test
    void postgresParametersAreSingleValuesWithinPatronisGuards() {
        assertEquals(List.of("postgresql.parameters.shared_preload_libraries: a list is not a single value "
                + "(text, number or boolean)"), problems("postgresql: {parameters: {shared_preload_libraries: [a, b]}}"));
        assertEquals(List.of("postgresql.parameters.max_connections: 10 is not an integer of at least 25 "
                + "(Patroni would start PostgreSQL with its default instead)"),
                problems("postgresql: {parameters: {max_connections: 10}}"));
        assertEquals(List.of("postgresql.parameters.wal_level: 'minimal' is not replica, logical or hot_standby "
                + "(Patroni would start PostgreSQL with its default instead)"),
                problems("postgresql: {parameters: {wal_level: minimal}}"));
        assertEquals(List.of("postgresql.parameters.port: is set by the agent (from postgresql.listen and scope); "
                + "Patroni ignores this value"), problems("postgresql: {parameters: {port: 5433}}"));
        assertEquals(List.of("postgresql.data_dir: is a local setting (patroni.yml); Patroni ignores it in the "
                + "dynamic configuration"), problems("postgresql: {data_dir: /x}"));
    }

    @Test
    void theConfigurationMustBeAMapping() {
        assertEquals(List.of("the configuration must be a mapping, got a list"), problems("[1]"));
    }
}
