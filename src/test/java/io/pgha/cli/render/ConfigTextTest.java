package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** show-config (patronictl.md §2.10); expected text is PyYAML's dump of the same configuration. */
class ConfigTextTest {

    @Test
    void configurationIsSortedBlockYamlFollowedByAnEmptyLine() {
        String jnewConfig = "{\"ttl\":30,\"loop_wait\":10,\"retry_timeout\":10,\"maximum_lag_on_failover\":1048576,"
                + "\"postgresql\":{\"use_pg_rewind\":true,\"use_slots\":true,\"parameters\":{\"wal_level\":\"logical\",\"hot_standby\":\"on\","
                + "\"max_wal_senders\":10,\"max_replication_slots\":10,\"wal_log_hints\":\"on\",\"max_connections\":120,\"shared_buffers\":\"64MB\"}},"
                + "\"synchronous_mode\":\"quorum\",\"failsafe_mode\":true,\"slots\":{\"perm_phys\":{\"type\":\"physical\"},"
                + "\"perm_logical\":{\"type\":\"logical\",\"database\":\"postgres\",\"plugin\":\"test_decoding\"}}}";
        assertEquals("""
                failsafe_mode: true
                loop_wait: 10
                maximum_lag_on_failover: 1048576
                postgresql:
                  parameters:
                    hot_standby: 'on'
                    max_connections: 120
                    max_replication_slots: 10
                    max_wal_senders: 10
                    shared_buffers: 64MB
                    wal_level: logical
                    wal_log_hints: 'on'
                  use_pg_rewind: true
                  use_slots: true
                retry_timeout: 10
                slots:
                  perm_logical:
                    database: postgres
                    plugin: test_decoding
                    type: logical
                  perm_phys:
                    type: physical
                synchronous_mode: quorum
                ttl: 30

                """, ConfigText.render(Fixture.cluster("jnew").key("config", jnewConfig).parse()));
    }

    @Test
    void nothingIsPrintedWithoutAConfigKey() {
        assertEquals("", ConfigText.render(Fixture.cluster("jnew").key("leader", "new1").parse()));
    }

    @Test
    void unreadableConfigShowsAsAnEmptyMapping() {
        assertEquals("{}\n\n", ConfigText.render(Fixture.cluster("jnew").key("config", "{not json").parse()));
    }
}
