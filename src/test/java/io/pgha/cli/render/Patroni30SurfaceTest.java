package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code list}/{@code topology} as Debian's patronictl 3.0.2 prints them. Expected texts are the
 * observed jref outputs of patronictl.md §2.1/§2.2; the others are what patronictl 3.0.2 printed for
 * the same keyspace values.
 */
class Patroni30SurfaceTest {

    private static String render(Fixture fixture, OutputFormat format) {
        return fixture.render(Surface.PATRONI_3_0, format, false);
    }

    @Test
    void scheduledRestartsShowTheVersionFilterAndAMemberWithoutPositionShowsUnknown() {
        assertEquals("""
                + Cluster: jref -----------+---------+-------------------------------+----+-----------+---------------------------------------------+
                | Member | Host            | Role    | State                         | TL | Lag in MB | Scheduled restart                           |
                +--------+-----------------+---------+-------------------------------+----+-----------+---------------------------------------------+
                | node1  | 127.0.0.1:15441 | Leader  | running                       |  3 |           | 2026-11-26T00:56:00+00:00 if version < 16.1 |
                | node2  | 127.0.0.1:15442 | Replica | restart failed (start failed) |    |   unknown |                                             |
                | node3  | 127.0.0.1:15443 | Replica | running                       |  3 |         0 | 2026-11-26T00:56:00+00:00                   |
                +--------+-----------------+---------+-------------------------------+----+-----------+---------------------------------------------+
                """, render(Fixture.jrefRestarts(), OutputFormat.PRETTY));
    }

    @Test
    void tagsAreAYamlBlockAndSynchronousStandbyIsNamed() {
        assertEquals("""
                + Cluster: jref -----------+--------------+---------+----+-----------+-----------------+----------------------+
                | Member | Host            | Role         | State   | TL | Lag in MB | Pending restart | Tags                 |
                +--------+-----------------+--------------+---------+----+-----------+-----------------+----------------------+
                | node1  | 127.0.0.1:15441 | Leader       | running |  3 |           | *               |                      |
                +--------+-----------------+--------------+---------+----+-----------+-----------------+----------------------+
                | node2  | 127.0.0.1:15442 | Sync Standby | running |  3 |         0 |                 | nofailover: true     |
                |        |                 |              |         |    |           |                 | noloadbalance: true  |
                +--------+-----------------+--------------+---------+----+-----------+-----------------+----------------------+
                | node3  | 127.0.0.1:15443 | Replica      | running |  3 |         0 |                 | clonefrom: true      |
                |        |                 |              |         |    |           |                 | dc: east             |
                |        |                 |              |         |    |           |                 | nosync: true         |
                |        |                 |              |         |    |           |                 | replicatefrom: node2 |
                +--------+-----------------+--------------+---------+----+-----------+-----------------+----------------------+
                """, render(Fixture.jrefTagged(), OutputFormat.PRETTY));
    }

    @Test
    void topologyListsACascadingReplicaUnderItsSource() {
        assertEquals("""
                + Cluster: jref --------------+---------+---------+----+-----------+-----------------+-----------------------------------------------------------------+
                | Member    | Host            | Role    | State   | TL | Lag in MB | Pending restart | Tags                                                            |
                +-----------+-----------------+---------+---------+----+-----------+-----------------+-----------------------------------------------------------------+
                | node1     | 127.0.0.1:15441 | Leader  | running |  3 |           | *               |                                                                 |
                | + node2   | 127.0.0.1:15442 | Replica | running |  3 |         0 |                 | {nofailover: true, noloadbalance: true}                         |
                |   + node3 | 127.0.0.1:15443 | Replica | running |  3 |         0 |                 | {clonefrom: true, dc: east, nosync: true, replicatefrom: node2} |
                +-----------+-----------------+---------+---------+----+-----------+-----------------+-----------------------------------------------------------------+
                """, render(Fixture.jrefTagged().without("sync"), OutputFormat.TOPOLOGY));
    }

    @Test
    void maintenanceModeAndScheduledSwitchoverFollowTheTable() {
        assertEquals("""
                + Cluster: jref -----------+---------+---------+----+-----------+
                | Member | Host            | Role    | State   | TL | Lag in MB |
                +--------+-----------------+---------+---------+----+-----------+
                | node1  | 127.0.0.1:15441 | Leader  | running |  1 |           |
                | node2  | 127.0.0.1:15442 | Replica | running |  1 |         0 |
                +--------+-----------------+---------+---------+----+-----------+
                 Maintenance mode: on
                 Switchover scheduled at: 2026-11-25T23:55:00+00:00
                                    from: node1
                                      to: node2
                """, render(Fixture.jrefSwitchover(), OutputFormat.PRETTY));
        assertEquals("""
                + Cluster: jref ------------+---------+---------+----+-----------+
                | Member  | Host            | Role    | State   | TL | Lag in MB |
                +---------+-----------------+---------+---------+----+-----------+
                | node1   | 127.0.0.1:15441 | Leader  | running |  1 |           |
                | + node2 | 127.0.0.1:15442 | Replica | running |  1 |         0 |
                +---------+-----------------+---------+---------+----+-----------+
                 Maintenance mode: on
                 Switchover scheduled at: 2026-11-25T23:55:00+00:00
                                    from: node1
                                      to: node2
                """, render(Fixture.jrefSwitchover(), OutputFormat.TOPOLOGY));
    }

    @Test
    void machineReadableFormatsHaveNoServiceLines() {
        for (OutputFormat format : List.of(OutputFormat.TSV, OutputFormat.JSON, OutputFormat.YAML)) {
            String out = render(Fixture.jrefSwitchover(), format);
            assertTrue(!out.contains("Maintenance") && !out.contains("Switchover"), format + ": " + out);
        }
    }

    @Test
    void jsonCarriesPendingAndScheduledRestartAsText() {
        assertEquals("""
                [{"Cluster": "jref", "Member": "node1", "Host": "127.0.0.1:15441", "Role": "Leader", "State": "running", "TL": 3, \
                "Scheduled restart": "2026-11-26T00:56:00+00:00 if version < 16.1"}, \
                {"Cluster": "jref", "Member": "node2", "Host": "127.0.0.1:15442", "Role": "Replica", "State": "restart failed (start failed)", \
                "Lag in MB": "unknown"}, \
                {"Cluster": "jref", "Member": "node3", "Host": "127.0.0.1:15443", "Role": "Replica", "State": "running", "TL": 3, \
                "Lag in MB": 0, "Scheduled restart": "2026-11-26T00:56:00+00:00"}]
                """, render(Fixture.jrefRestarts(), OutputFormat.JSON));
        assertTrue(render(Fixture.jrefTagged(), OutputFormat.JSON).startsWith("""
                [{"Cluster": "jref", "Member": "node1", "Host": "127.0.0.1:15441", "Role": "Leader", "State": "running", "TL": 3, \
                "Pending restart": "*"},\s"""));
    }

    @Test
    void yamlQuotesTheAsteriskAndNestsTags() {
        assertEquals("""
                - Cluster: jref
                  Host: 127.0.0.1:15441
                  Member: node1
                  Pending restart: '*'
                  Role: Leader
                  State: running
                  TL: 3
                - Cluster: jref
                  Host: 127.0.0.1:15442
                  Lag in MB: 0
                  Member: node2
                  Role: Sync Standby
                  State: running
                  TL: 3
                  Tags:
                    nofailover: true
                    noloadbalance: true
                - Cluster: jref
                  Host: 127.0.0.1:15443
                  Lag in MB: 0
                  Member: node3
                  Role: Replica
                  State: running
                  TL: 3
                  Tags:
                    clonefrom: true
                    dc: east
                    nosync: true
                    replicatefrom: node2

                """, render(Fixture.jrefTagged(), OutputFormat.YAML));
    }

    @Test
    void tsvShowsTagsInFlowStyle() {
        assertEquals("""
                Cluster\tMember\tHost\tRole\tState\tTL\tLag in MB\tPending restart\tTags
                jref\tnode1\t127.0.0.1:15441\tLeader\trunning\t3\t\t*\t
                jref\tnode2\t127.0.0.1:15442\tSync Standby\trunning\t3\t0\t\t{nofailover: true, noloadbalance: true}
                jref\tnode3\t127.0.0.1:15443\tReplica\trunning\t3\t0\t\t{clonefrom: true, dc: east, nosync: true, replicatefrom: node2}
                """, render(Fixture.jrefTagged(), OutputFormat.TSV));
    }

    @Test
    void syncStandbyComesFromTheSyncKeyAloneWithExactNames() {
        // 3.0.2 does not check synchronous_mode and compares names case-sensitively ("b" is not "B")
        assertEquals("""
                + Cluster: stale --------------+---------+----+-----------+
                | Member | Host | Role         | State   | TL | Lag in MB |
                +--------+------+--------------+---------+----+-----------+
                | B      | h2   | Replica      | running |  1 |         0 |
                | a      | h1   | Leader       | running |  1 |           |
                | c      | h3   | Sync Standby | running |  1 |         0 |
                +--------+------+--------------+---------+----+-----------+
                """, render(Fixture.staleSync(), OutputFormat.PRETTY));
        assertEquals("""
                + Cluster: standby --------------+---------+----+-----------+
                | Member | Host | Role           | State   | TL | Lag in MB |
                +--------+------+----------------+---------+----+-----------+
                | s1     | h1   | Standby Leader | running |  1 |           |
                | s2     | h2   | Sync Standby   | running |  1 |         0 |
                +--------+------+----------------+---------+----+-----------+
                """, render(Fixture.standby(), OutputFormat.PRETTY));
    }

    @Test
    void severalClustersPrintOneCompleteOutputEachInArgumentOrder() {
        List<io.pgha.dcs.Cluster> clusters = List.of(Fixture.jrefSwitchover().parse(), Fixture.jnew().parse(),
                Fixture.cluster("nothing").parse());
        ListOptions options = new ListOptions(Surface.PATRONI_3_0, OutputFormat.TSV, false);
        assertEquals("""
                Cluster\tMember\tHost\tRole\tState\tTL\tLag in MB
                jref\tnode1\t127.0.0.1:15441\tLeader\trunning\t1\t
                jref\tnode2\t127.0.0.1:15442\tReplica\trunning\t1\t0
                Cluster\tMember\tHost\tRole\tState\tTL\tLag in MB\tTags
                jnew\tnew1\t127.0.0.1:15451\tLeader\trunning\t1\t\t
                jnew\tnew2\t127.0.0.1:15452\tReplica\trunning\t1\t0\t
                jnew\tnew3\t127.0.0.1:15453\tReplica\trunning\t1\t0\t{dc: west, failover_priority: 2}
                Cluster\tMember\tHost\tRole\tState\tTL\tLag in MB
                """, MemberListing.render(clusters, options));
        assertEquals("""
                [{"Cluster": "jref", "Member": "node1", "Host": "127.0.0.1:15441", "Role": "Leader", "State": "running", "TL": 1}, \
                {"Cluster": "jref", "Member": "node2", "Host": "127.0.0.1:15442", "Role": "Replica", "State": "running", "TL": 1, "Lag in MB": 0}]
                [{"Cluster": "jnew", "Member": "new1", "Host": "127.0.0.1:15451", "Role": "Leader", "State": "running", "TL": 1}, \
                {"Cluster": "jnew", "Member": "new2", "Host": "127.0.0.1:15452", "Role": "Replica", "State": "running", "TL": 1, "Lag in MB": 0}, \
                {"Cluster": "jnew", "Member": "new3", "Host": "127.0.0.1:15453", "Role": "Replica", "State": "running", "TL": 1, "Lag in MB": 0, \
                "Tags": {"failover_priority": 2, "dc": "west"}}]
                []
                """, MemberListing.render(clusters, new ListOptions(Surface.PATRONI_3_0, OutputFormat.JSON, false)));
        assertEquals("""
                - Cluster: jref
                  Host: 127.0.0.1:15441
                  Member: node1
                  Role: Leader
                  State: running
                  TL: 1
                - Cluster: jref
                  Host: 127.0.0.1:15442
                  Lag in MB: 0
                  Member: node2
                  Role: Replica
                  State: running
                  TL: 1

                - Cluster: jnew
                  Host: 127.0.0.1:15451
                  Member: new1
                  Role: Leader
                  State: running
                  TL: 1
                - Cluster: jnew
                  Host: 127.0.0.1:15452
                  Lag in MB: 0
                  Member: new2
                  Role: Replica
                  State: running
                  TL: 1
                - Cluster: jnew
                  Host: 127.0.0.1:15453
                  Lag in MB: 0
                  Member: new3
                  Role: Replica
                  State: running
                  TL: 1
                  Tags:
                    dc: west
                    failover_priority: 2

                []

                """, MemberListing.render(clusters, new ListOptions(Surface.PATRONI_3_0, OutputFormat.YAML, false)));
        String pretty = MemberListing.render(clusters, new ListOptions(Surface.PATRONI_3_0, OutputFormat.PRETTY, false));
        assertTrue(pretty.contains("                      to: node2\n+ Cluster: jnew ---")
                && pretty.endsWith("""
                        + Cluster: nothing ----+-------+----+-----------+
                        | Member | Host | Role | State | TL | Lag in MB |
                        +--------+------+------+-------+----+-----------+
                        +--------+------+------+-------+----+-----------+
                        """), pretty);
    }
}
