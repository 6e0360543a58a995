package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code list}/{@code topology} on pgha's default surface, patronictl 4.1.4. Expected texts are the
 * observed outputs of patronictl.md §2.1/§2.2 where the spec prints them whole; the others are what
 * Patroni 4.1.4's patronictl printed for the same keyspace values (run against a scratch etcd).
 */
class Patroni41SurfaceTest {

    private static String render(Fixture fixture, OutputFormat format) {
        return fixture.render(Surface.PATRONI_4_1, format, false);
    }

    @Test
    void prettyTableWithMultiLineTagsHasARuleBetweenEveryRow() {
        assertEquals("""
                + Cluster: jnew (7712232032420525266) -----------+----+-------------+-----+------------+-----+----------------------+
                | Member | Host            | Role    | State     | TL | Receive LSN | Lag | Replay LSN | Lag | Tags                 |
                +--------+-----------------+---------+-----------+----+-------------+-----+------------+-----+----------------------+
                | new1   | 127.0.0.1:15451 | Leader  | running   |  1 |             |     |            |     |                      |
                +--------+-----------------+---------+-----------+----+-------------+-----+------------+-----+----------------------+
                | new2   | 127.0.0.1:15452 | Replica | streaming |  1 |   0/4000060 |   0 |  0/4000060 |   0 |                      |
                +--------+-----------------+---------+-----------+----+-------------+-----+------------+-----+----------------------+
                | new3   | 127.0.0.1:15453 | Replica | streaming |  1 |   0/4000060 |   0 |  0/4000060 |   0 | dc: west             |
                |        |                 |         |           |    |             |     |            |     | failover_priority: 2 |
                +--------+-----------------+---------+-----------+----+-------------+-----+------------+-----+----------------------+
                """, render(Fixture.jnew(), OutputFormat.PRETTY));
    }

    @Test
    void extendedShowsEveryOptionalColumnInTheSpecOrder() {
        String table = Fixture.jnew().render(Surface.PATRONI_4_1, OutputFormat.PRETTY, true);
        String header = table.lines().skip(1).findFirst().orElseThrow();
        List<String> names = Arrays.stream(header.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertEquals(List.of("Member", "Host", "Role", "State", "TL", "Receive LSN", "Lag", "Replay LSN", "Lag",
                "Pending restart", "Pending restart reason", "Scheduled restart", "Tags"), names);
        assertEquals("| new1   | 127.0.0.1:15451 | Leader  | running   |  1 |             |     |            |     "
                + "|                 |                        |                   |                      |", table.lines().toList().get(3));
    }

    @Test
    void tsvKeepsTheClusterColumnBothLagTitlesAndTrailingTabs() {
        assertEquals("""
                Cluster\tMember\tHost\tRole\tState\tTL\tReceive LSN\tReceive Lag\tReplay LSN\tReplay Lag\tTags
                jnew\tnew1\t127.0.0.1:15451\tLeader\trunning\t1\t\t\t\t\t
                jnew\tnew2\t127.0.0.1:15452\tReplica\tstreaming\t1\t0/4000060\t0\t0/4000060\t0\t
                jnew\tnew3\t127.0.0.1:15453\tReplica\tstreaming\t1\t0/4000060\t0\t0/4000060\t0\t{dc: west, failover_priority: 2}
                """, render(Fixture.jnew(), OutputFormat.TSV));
    }

    @Test
    void jsonKeepsNumbersAndTagObjectsAndOmitsBlankCells() {
        String json = render(Fixture.jnew(), OutputFormat.JSON);
        assertEquals("""
                [{"Cluster": "jnew", "Member": "new1", "Host": "127.0.0.1:15451", "Role": "Leader", "State": "running", "TL": 1}, \
                {"Cluster": "jnew", "Member": "new2", "Host": "127.0.0.1:15452", "Role": "Replica", "State": "streaming", "TL": 1, \
                "Receive LSN": "0/4000060", "Receive Lag": 0, "Replay LSN": "0/4000060", "Replay Lag": 0}, \
                {"Cluster": "jnew", "Member": "new3", "Host": "127.0.0.1:15453", "Role": "Replica", "State": "streaming", "TL": 1, \
                "Receive LSN": "0/4000060", "Receive Lag": 0, "Replay LSN": "0/4000060", "Replay Lag": 0, \
                "Tags": {"failover_priority": 2, "dc": "west"}}]
                """, json);
        // the object patronictl.md §2.1 quotes
        assertTrue(json.contains("{\"Cluster\": \"jnew\", \"Member\": \"new2\", \"Host\": \"127.0.0.1:15452\", \"Role\": \"Replica\", "
                + "\"State\": \"streaming\", \"TL\": 1, \"Receive LSN\": \"0/4000060\", \"Receive Lag\": 0, \"Replay LSN\": \"0/4000060\", "
                + "\"Replay Lag\": 0}"));
    }

    @Test
    void yamlSortsKeysAndNestsTags() {
        assertEquals("""
                - Cluster: jnew
                  Host: 127.0.0.1:15451
                  Member: new1
                  Role: Leader
                  State: running
                  TL: 1
                - Cluster: jnew
                  Host: 127.0.0.1:15452
                  Member: new2
                  Receive LSN: 0/4000060
                  Receive Lag: 0
                  Replay LSN: 0/4000060
                  Replay Lag: 0
                  Role: Replica
                  State: streaming
                  TL: 1
                - Cluster: jnew
                  Host: 127.0.0.1:15453
                  Member: new3
                  Receive LSN: 0/4000060
                  Receive Lag: 0
                  Replay LSN: 0/4000060
                  Replay Lag: 0
                  Role: Replica
                  State: streaming
                  TL: 1
                  Tags:
                    dc: west
                    failover_priority: 2

                """, render(Fixture.jnew(), OutputFormat.YAML));
    }

    @Test
    void topologyShowsTagsInFlowStyleOnOneLine() {
        assertEquals("""
                + Cluster: jnew (7712232032420525266) -----------+----+-------------+-----+------------+-----+----------------------------------+
                | Member | Host            | Role    | State     | TL | Receive LSN | Lag | Replay LSN | Lag | Tags                             |
                +--------+-----------------+---------+-----------+----+-------------+-----+------------+-----+----------------------------------+
                | new1   | 127.0.0.1:15451 | Leader  | running   |  1 |             |     |            |     |                                  |
                | + new2 | 127.0.0.1:15452 | Replica | streaming |  1 |   0/4000060 |   0 |  0/4000060 |   0 |                                  |
                | + new3 | 127.0.0.1:15453 | Replica | streaming |  1 |   0/4000060 |   0 |  0/4000060 |   0 | {dc: west, failover_priority: 2} |
                +--------+-----------------+---------+-----------+----+-------------+-----+------------+-----+----------------------------------+
                """, render(Fixture.jnew(), OutputFormat.TOPOLOGY));
    }

    @Test
    void titleSaysInitializingWhileTheBootstrapRuns() {
        assertEquals("""
                + Cluster: fake2 (initializing) ----+-------------+-----+------------+-----+
                | Member | Host | Role | State | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+------+------+-------+----+-------------+-----+------------+-----+
                +--------+------+------+-------+----+-------------+-----+------------+-----+
                """, render(Fixture.cluster("fake2").key("initialize", ""), OutputFormat.PRETTY));
    }

    @Test
    void titleSaysUninitializedForAClusterWithoutKeys() {
        assertEquals("""
                + Cluster: nonexistent (uninitialized) -----------+-----+------------+-----+
                | Member | Host | Role | State | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+------+------+-------+----+-------------+-----+------------+-----+
                +--------+------+------+-------+----+-------------+-----+------------+-----+
                """, render(Fixture.cluster("nonexistent"), OutputFormat.PRETTY));
    }

    @Test
    void membersOfPatroni302ShowTheirXlogLocationAsReplayPosition() {
        assertEquals("""
                + Cluster: jref (7712230448778918568) ---------+----+-------------+-----+------------+-----+
                | Member | Host            | Role    | State   | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+-----------------+---------+---------+----+-------------+-----+------------+-----+
                | node1  | 127.0.0.1:15441 | Leader  | running |  1 |             |     |            |     |
                | node2  | 127.0.0.1:15442 | Replica | running |  1 |     unknown |     |  0/4000060 |   0 |
                | node3  | 127.0.0.1:15443 | Replica | running |  1 |     unknown |     |  0/4000060 |   0 |
                +--------+-----------------+---------+---------+----+-------------+-----+------------+-----+
                """, render(Fixture.jref302(), OutputFormat.PRETTY));
    }

    @Test
    void everyKindOfMemberAPatroni41ReaderMeets() {
        // old302: receive unknown, xlog_location as replay; v40 streams: xlog_location as receive;
        // nolsn/nohost/zero: unknown with blank lag; pend: 2 097 202 bytes -> 2, 4 999 900 bytes -> 5,
        // a reason line over 50 characters hidden; ahead of the leader: lag 0; host names lower-cased.
        assertEquals("""
                + Cluster: mixed (initializing) ----+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | Member   | Host         | Role    | State               | TL | Receive LSN | Lag | Replay LSN | Lag | Pending restart | Pending restart reason                        |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | ahead    | db-h         | Replica | streaming           |  2 |   0/400006A |   0 |  0/400006A |   0 |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | nohost   |              | Replica | stopped             |    |     unknown |     |    unknown |     |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | nolsn    | db-d         | Replica | starting            |    |     unknown |     |    unknown |     |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | old302   | db-b         | Replica | running             |  2 |     unknown |     |  0/4000060 |   0 |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | p        | db-p.example | Leader  | running             |  2 |             |     |            |     |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | pend     | db-g         | Replica | streaming           |  2 |   0/3E0002E |   2 |  0/3B3B584 |   5 | *               | max_connections: 100->120                     |
                |          |              |         |                     |    |             |     |            |     |                 | shared_preload_libraries: [hidden - too long] |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | recvonly | db-e         | Replica | in archive recovery |  1 |   0/3D09000 |   3 |    unknown |     |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | v40      | db-c         | Replica | streaming           |  2 |   0/3FE56C0 |   0 |    unknown |     |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                | zero     | db-f         | Replica | streaming           |  2 |     unknown |     |    unknown |     |                 |                                               |
                +----------+--------------+---------+---------------------+----+-------------+-----+------------+-----+-----------------+-----------------------------------------------+
                """, render(Fixture.mixed(), OutputFormat.PRETTY));
    }

    @Test
    void jsonShowsUnknownPositionsAndTheWholePendingRestartReason() {
        assertEquals("""
                [{"Cluster": "mixed", "Member": "ahead", "Host": "db-h", "Role": "Replica", "State": "streaming", "TL": 2, \
                "Receive LSN": "0/400006A", "Receive Lag": 0, "Replay LSN": "0/400006A", "Replay Lag": 0}, \
                {"Cluster": "mixed", "Member": "nohost", "Role": "Replica", "State": "stopped", "Receive LSN": "unknown", "Replay LSN": "unknown"}, \
                {"Cluster": "mixed", "Member": "nolsn", "Host": "db-d", "Role": "Replica", "State": "starting", "Receive LSN": "unknown", \
                "Replay LSN": "unknown"}, \
                {"Cluster": "mixed", "Member": "old302", "Host": "db-b", "Role": "Replica", "State": "running", "TL": 2, \
                "Receive LSN": "unknown", "Replay LSN": "0/4000060", "Replay Lag": 0}, \
                {"Cluster": "mixed", "Member": "p", "Host": "db-p.example", "Role": "Leader", "State": "running", "TL": 2}, \
                {"Cluster": "mixed", "Member": "pend", "Host": "db-g", "Role": "Replica", "State": "streaming", "TL": 2, \
                "Receive LSN": "0/3E0002E", "Receive Lag": 2, "Replay LSN": "0/3B3B584", "Replay Lag": 5, "Pending restart": "*", \
                "Pending restart reason": "max_connections: 100->120\\nshared_preload_libraries: \
                pg_stat_statements,auto_explain->pg_stat_statements,auto_explain,pg_cron"}, \
                {"Cluster": "mixed", "Member": "recvonly", "Host": "db-e", "Role": "Replica", "State": "in archive recovery", "TL": 1, \
                "Receive LSN": "0/3D09000", "Receive Lag": 3, "Replay LSN": "unknown"}, \
                {"Cluster": "mixed", "Member": "v40", "Host": "db-c", "Role": "Replica", "State": "streaming", "TL": 2, \
                "Receive LSN": "0/3FE56C0", "Receive Lag": 0, "Replay LSN": "unknown"}, \
                {"Cluster": "mixed", "Member": "zero", "Host": "db-f", "Role": "Replica", "State": "streaming", "TL": 2, \
                "Receive LSN": "unknown", "Replay LSN": "unknown"}]
                """, render(Fixture.mixed(), OutputFormat.JSON));
    }

    @Test
    void pendingRestartReasonHasOneLinePerParameter() {
        // keyspace.md §3.1 "4.1.4 pending" member; patronictl.md §2.1 observed the two lines
        Fixture fixture = Fixture.jnew().member("new3", "{\"conn_url\":\"postgres://127.0.0.1:15453/postgres\","
                + "\"api_url\":\"http://127.0.0.1:18023/patroni\",\"state\":\"running\",\"role\":\"replica\",\"version\":\"4.1.4\","
                + "\"tags\":{\"failover_priority\":2,\"dc\":\"west\"},\"pending_restart\":true,\"pending_restart_reason\":"
                + "{\"max_connections\":{\"old_value\":\"100\",\"new_value\":\"120\"},\"shared_buffers\":{\"old_value\":\"128MB\","
                + "\"new_value\":\"64MB\"}},\"xlog_location\":67395192,\"replay_lsn\":67395192,\"receive_lsn\":67395192,"
                + "\"replication_state\":\"streaming\",\"timeline\":4}");
        Table table = MemberTable.build(fixture.parse(), ListOptions.of(OutputFormat.PRETTY));
        int column = table.headers().indexOf("Pending restart reason");
        assertEquals("max_connections: 100->120\nshared_buffers: 128MB->64MB", table.rows().get(2).get(column));
        assertEquals("*", table.rows().get(2).get(table.headers().indexOf("Pending restart")));
    }

    @Test
    void quorumStandbysAreNamedAsSuch() {
        assertEquals("""
                + Cluster: jnew (7712232032420525266) ------+-----------+----+-------------+-----+------------+-----+
                | Member | Host            | Role           | State     | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+-----------------+----------------+-----------+----+-------------+-----+------------+-----+
                | new1   | 127.0.0.1:15451 | Quorum Standby | streaming |  4 |   0/6000350 |   0 |  0/6000350 |   0 |
                | new2   | 127.0.0.1:15452 | Leader         | running   |  4 |             |     |            |     |
                | new3   | 127.0.0.1:15453 | Quorum Standby | streaming |  4 |   0/6000350 |   0 |  0/60002C0 |   0 |
                +--------+-----------------+----------------+-----------+----+-------------+-----+------------+-----+
                """, render(Fixture.quorum(), OutputFormat.PRETTY));
    }

    @Test
    void standbyClusterHasAStandbyLeaderAndNoSynchronousStandby() {
        assertEquals("""
                + Cluster: standby (3) ----------+-----------+----+-------------+-----+------------+-----+
                | Member | Host | Role           | State     | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+------+----------------+-----------+----+-------------+-----+------------+-----+
                | s1     | h1   | Standby Leader | streaming |  1 |             |     |            |     |
                | s2     | h2   | Replica        | streaming |  1 |        0/32 |   0 |       0/32 |   0 |
                +--------+------+----------------+-----------+----+-------------+-----+------------+-----+
                """, render(Fixture.standby(), OutputFormat.PRETTY));
    }

    @Test
    void syncKeyIsIgnoredWhenSynchronousModeIsOff() {
        assertEquals("""
                + Cluster: stale (2) -----+---------+----+-------------+-----+------------+-----+
                | Member | Host | Role    | State   | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+------+---------+---------+----+-------------+-----+------------+-----+
                | B      | h2   | Replica | running |  1 |     unknown |     |        0/5 |   0 |
                | a      | h1   | Leader  | running |  1 |             |     |            |     |
                | c      | h3   | Replica | running |  1 |     unknown |     |        0/5 |   0 |
                +--------+------+---------+---------+----+-------------+-----+------------+-----+
                """, render(Fixture.staleSync(), OutputFormat.PRETTY));
    }
}
