package io.pgha.testing;

/** Configuration files used by tests of several packages. */
public final class SampleConfigs {
    /** An agent's patroni.yml with every section the agent reads; nothing in it is reachable. */
    public static final String AGENT = """
            scope: demo
            name: node1
            restapi:
              listen: 0.0.0.0:8008
              connect_address: 10.0.0.1:8008
            etcd3:
              hosts: 10.0.0.9:2379
            bootstrap:
              dcs:
                ttl: 30
                postgresql:
                  use_pg_rewind: true
                  parameters:
                    max_connections: 200
                    work_mem: 8MB
              initdb:
              - encoding: UTF8
              - data-checksums
              pg_hba:
              - host all all 10.0.0.0/8 md5
            postgresql:
              listen: 0.0.0.0:5432
              connect_address: 10.0.0.1:5432
              data_dir: /var/lib/pgha/data
              authentication:
                superuser: {username: postgres, password: secret-1}
                replication: {username: replicator, password: secret-2}
              parameters:
                max_connections: 50
                work_mem: 16MB
                shared_buffers: 1GB
            tags:
              nofailover: false
              failover_priority: 2
              nosync: false
              dc: east
            """;

    private SampleConfigs() {
    }
}
