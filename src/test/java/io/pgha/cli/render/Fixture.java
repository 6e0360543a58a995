package io.pgha.cli.render;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.RangeResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A cluster keyspace written key by key (values as Patroni stores them), read through ClusterParser. */
final class Fixture {
    private final Keyspace keyspace;
    private final Map<String, String> keys = new LinkedHashMap<>();

    private Fixture(String scope) {
        this.keyspace = new Keyspace("/service", scope);
    }

    static Fixture cluster(String scope) {
        return new Fixture(scope);
    }

    Fixture key(String name, String value) {
        keys.put(name, value);
        return this;
    }

    Fixture member(String name, String json) {
        return key("members/" + name, json);
    }

    Fixture without(String name) {
        keys.remove(name);
        return this;
    }

    Cluster parse() {
        List<KeyValue> kvs = new ArrayList<>();
        long revision = 1;
        for (Map.Entry<String, String> e : keys.entrySet()) {
            boolean leased = e.getKey().startsWith("members/") || e.getKey().equals("leader");
            kvs.add(new KeyValue(keyspace.key(e.getKey()), e.getValue(), revision, revision, leased ? 7 : 0));
            revision++;
        }
        kvs.sort(Comparator.comparing(KeyValue::key));
        return ClusterParser.parse(keyspace, new RangeResult(revision, kvs));
    }

    String scope() {
        return keyspace.scope();
    }

    Map<String, String> keys() {
        return Map.copyOf(keys);
    }

    String render(Surface surface, OutputFormat format, boolean extended) {
        return render(surface, format, extended, Display.PLAIN);
    }

    String render(Surface surface, OutputFormat format, boolean extended, Display display) {
        return MemberListing.render(List.of(parse()), new ListOptions(surface, format, extended, display));
    }

    /**
     * jnew, the 4.1.4 cluster of patronictl.md §2.1 (its "4.1.4 primary"/"4.1.4 replica" member values
     * from keyspace.md §3.1, sysid from §11).
     */
    static Fixture jnew() {
        return cluster("jnew")
                .key("initialize", "7712232032420525266")
                .key("config", "{\"ttl\":30,\"loop_wait\":10,\"retry_timeout\":10,\"maximum_lag_on_failover\":1048576}")
                .key("leader", "new1")
                .key("status", "{\"optime\":67108960}")
                .member("new1", "{\"conn_url\":\"postgres://127.0.0.1:15451/postgres\",\"api_url\":\"http://127.0.0.1:18021/patroni\","
                        + "\"state\":\"running\",\"role\":\"primary\",\"version\":\"4.1.4\",\"xlog_location\":67108960,\"timeline\":1}")
                .member("new2", "{\"conn_url\":\"postgres://127.0.0.1:15452/postgres\",\"api_url\":\"http://127.0.0.1:18022/patroni\","
                        + "\"state\":\"running\",\"role\":\"replica\",\"version\":\"4.1.4\",\"xlog_location\":67108960,"
                        + "\"replay_lsn\":67108960,\"receive_lsn\":67108960,\"replication_state\":\"streaming\",\"timeline\":1}")
                .member("new3", "{\"conn_url\":\"postgres://127.0.0.1:15453/postgres\",\"api_url\":\"http://127.0.0.1:18023/patroni\","
                        + "\"state\":\"running\",\"role\":\"replica\",\"version\":\"4.1.4\",\"tags\":{\"failover_priority\":2,\"dc\":\"west\"},"
                        + "\"xlog_location\":67108960,\"replay_lsn\":67108960,\"receive_lsn\":67108960,"
                        + "\"replication_state\":\"streaming\",\"timeline\":1}");
    }

    /**
     * jref, the 3.0.2 cluster of patronictl.md §2.1/§2.2 with tags, a pending restart and synchronous
     * mode (keyspace.md §11 dump; node3 is the "3.0.2 tagged" value of §3.1).
     */
    static Fixture jrefTagged() {
        return cluster("jref")
                .key("initialize", "7712230448778918568")
                .key("config", "{\"ttl\": 30, \"loop_wait\": 10, \"synchronous_mode\": true}")
                .key("leader", "node1")
                .key("status", "{\"optime\":117440704}")
                .key("sync", "{\"leader\":\"node1\",\"sync_standby\":\"node2\"}")
                .member("node1", "{\"conn_url\":\"postgres://127.0.0.1:15441/postgres\",\"api_url\":\"http://127.0.0.1:18011/patroni\","
                        + "\"state\":\"running\",\"role\":\"master\",\"version\":\"3.0.2\",\"pending_restart\":true,"
                        + "\"xlog_location\":117440704,\"timeline\":3}")
                .member("node2", "{\"conn_url\":\"postgres://127.0.0.1:15442/postgres\",\"api_url\":\"http://127.0.0.1:18012/patroni\","
                        + "\"state\":\"running\",\"role\":\"replica\",\"version\":\"3.0.2\",\"tags\":{\"nofailover\":true,\"noloadbalance\":true},"
                        + "\"xlog_location\":117440704,\"timeline\":3}")
                .member("node3", "{\"conn_url\":\"postgres://127.0.0.1:15443/postgres\",\"api_url\":\"http://127.0.0.1:18013/patroni\","
                        + "\"state\":\"running\",\"role\":\"replica\",\"version\":\"3.0.2\","
                        + "\"tags\":{\"clonefrom\":true,\"nosync\":true,\"replicatefrom\":\"node2\",\"dc\":\"east\"},"
                        + "\"xlog_location\":117440608,\"timeline\":3}");
    }

    /** A member value in Patroni's shape, with extra JSON fields appended verbatim. */
    static String member(String host, int port, String role, String state, String version, String extra) {
        return "{\"conn_url\":\"postgres://" + host + ":" + port + "/postgres\",\"api_url\":\"http://127.0.0.1:"
                + (port + 2570) + "/patroni\",\"state\":\"" + state + "\",\"role\":\"" + role
                + "\",\"version\":\"" + version + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** jref as patronictl.md §2.1 shows it with scheduled restarts and a failed restart (3.0.2 members). */
    static Fixture jrefRestarts() {
        String restart = "\"schedule\":\"2026-11-26T00:56:00+00:00\",\"postmaster_start_time\":\"2026-11-25 21:54:56.249266+00:00\"";
        return cluster("jref")
                .key("initialize", "7712230448778918568")
                .key("config", "{\"ttl\":30}")
                .key("leader", "node1")
                .key("status", "{\"optime\":117440608}")
                .member("node1", member("127.0.0.1", 15441, "master", "running", "3.0.2",
                        "\"xlog_location\":117440608,\"timeline\":3,\"scheduled_restart\":{\"postgres_version\":\"16.1\"," + restart + "}"))
                .member("node2", member("127.0.0.1", 15442, "replica", "restart failed (start failed)", "3.0.2", ""))
                .member("node3", member("127.0.0.1", 15443, "replica", "running", "3.0.2",
                        "\"xlog_location\":117440608,\"timeline\":3,\"scheduled_restart\":{" + restart + "}"));
    }

    /** jref paused, with a switchover scheduled from node1 to node2 (keyspace.md §3.5 value). */
    static Fixture jrefSwitchover() {
        return cluster("jref")
                .key("initialize", "7712230448778918568")
                .key("config", "{\"ttl\":30,\"pause\":true}")
                .key("leader", "node1")
                .key("status", "{\"optime\":117440704}")
                .key("failover", "{\"leader\":\"node1\",\"member\":\"node2\",\"scheduled_at\":\"2026-11-25T23:55:00+00:00\"}")
                .member("node1", member("127.0.0.1", 15441, "master", "running", "3.0.2",
                        "\"xlog_location\":117440704,\"timeline\":1,\"pause\":true"))
                .member("node2", member("127.0.0.1", 15442, "replica", "running", "3.0.2",
                        "\"xlog_location\":117440704,\"timeline\":1,\"pause\":true"));
    }

    /** Three healthy 3.0.2 members at 0/4000060, as the 4.1.4 tool saw the jref cluster. */
    static Fixture jref302() {
        return cluster("jref")
                .key("initialize", "7712230448778918568")
                .key("config", "{\"ttl\":30}")
                .key("leader", "node1")
                .key("status", "{\"optime\":67108960}")
                .member("node1", member("127.0.0.1", 15441, "master", "running", "3.0.2", "\"xlog_location\":67108960,\"timeline\":1"))
                .member("node2", member("127.0.0.1", 15442, "replica", "running", "3.0.2", "\"xlog_location\":67108960,\"timeline\":1"))
                .member("node3", member("127.0.0.1", 15443, "replica", "running", "3.0.2", "\"xlog_location\":67108960,\"timeline\":1"));
    }

    /**
     * One member of each kind a 4.1 reader meets: a 3.0.2 member (xlog_location only), a 4.0 member
     * (replication_state, no receive/replay), members without LSN, without conn_url, with zero LSNs,
     * ahead of the leader, in archive recovery, and with a pending restart whose reasons are short and
     * too long; lags of 2 097 202 and 4 999 900 bytes.
     */
    static Fixture mixed() {
        long optime = 67108960;
        return cluster("mixed")
                .key("initialize", "")
                .key("config", "{\"ttl\":30}")
                .key("leader", "p")
                .key("status", "{\"optime\":" + optime + "}")
                .member("p", member("db-P.example", 5432, "primary", "running", "4.1.4", "\"xlog_location\":67108960,\"timeline\":2"))
                .member("old302", member("db-b", 5432, "replica", "running", "3.0.2", "\"xlog_location\":67108960,\"timeline\":2"))
                .member("v40", member("db-c", 5432, "replica", "running", "4.0.6",
                        "\"replication_state\":\"streaming\",\"xlog_location\":67000000,\"timeline\":2"))
                .member("nolsn", member("db-d", 5432, "replica", "starting", "4.1.4", ""))
                .member("nohost", "{\"api_url\":\"http://x/patroni\",\"state\":\"stopped\",\"role\":\"uninitialized\",\"version\":\"4.1.4\"}")
                .member("recvonly", member("db-e", 5432, "replica", "running", "4.1.4",
                        "\"replication_state\":\"in archive recovery\",\"receive_lsn\":64000000,\"xlog_location\":64000000,\"timeline\":1"))
                .member("zero", member("db-f", 5432, "replica", "running", "4.1.4",
                        "\"replication_state\":\"streaming\",\"receive_lsn\":0,\"replay_lsn\":0,\"xlog_location\":0,\"timeline\":2"))
                .member("pend", member("db-g", 5432, "replica", "running", "4.1.4",
                        "\"replication_state\":\"streaming\",\"pending_restart\":true,\"pending_restart_reason\":{"
                                + "\"max_connections\":{\"old_value\":\"100\",\"new_value\":\"120\"},"
                                + "\"shared_preload_libraries\":{\"old_value\":\"pg_stat_statements,auto_explain\","
                                + "\"new_value\":\"pg_stat_statements,auto_explain,pg_cron\"}},"
                                + "\"receive_lsn\":" + (optime - 2097202) + ",\"replay_lsn\":" + (optime - 4999900)
                                + ",\"xlog_location\":" + (optime - 2097202) + ",\"timeline\":2"))
                .member("ahead", member("db-h", 5432, "replica", "running", "4.1.4",
                        "\"replication_state\":\"streaming\",\"receive_lsn\":67108970,\"replay_lsn\":67108970,"
                                + "\"xlog_location\":67108970,\"timeline\":2"));
    }

    /** Quorum commit (keyspace.md §11 jnew /sync and /status values). */
    static Fixture quorum() {
        return cluster("jnew")
                .key("initialize", "7712232032420525266")
                .key("config", "{\"ttl\":30,\"synchronous_mode\":\"quorum\"}")
                .key("leader", "new2")
                .key("status", "{\"optime\":100664144}")
                .key("sync", "{\"leader\":\"new2\",\"quorum\":1,\"sync_standby\":\"new1,new3\"}")
                .member("new1", member("127.0.0.1", 15451, "replica", "running", "4.1.4",
                        "\"replication_state\":\"streaming\",\"receive_lsn\":100664144,\"replay_lsn\":100664144,"
                                + "\"xlog_location\":100664144,\"timeline\":4"))
                .member("new2", member("127.0.0.1", 15452, "primary", "running", "4.1.4", "\"xlog_location\":100664144,\"timeline\":4"))
                .member("new3", member("127.0.0.1", 15453, "replica", "running", "4.1.4",
                        "\"replication_state\":\"streaming\",\"receive_lsn\":100664144,\"replay_lsn\":100664000,"
                                + "\"xlog_location\":100664144,\"timeline\":4"));
    }

    /** A standby cluster: the lock holder is the standby leader; synchronous mode does not apply. */
    static Fixture standby() {
        return cluster("standby")
                .key("initialize", "3")
                .key("config", "{\"ttl\":30,\"synchronous_mode\":true,\"standby_cluster\":{\"host\":\"10.1.1.1\",\"port\":5432}}")
                .key("leader", "s1")
                .key("status", "{\"optime\":50}")
                .key("sync", "{\"leader\":\"s1\",\"sync_standby\":\"s2\"}")
                .member("s1", member("h1", 5432, "standby_leader", "running", "4.1.4",
                        "\"replication_state\":\"streaming\",\"xlog_location\":50,\"timeline\":1"))
                .member("s2", member("h2", 5432, "replica", "running", "4.1.4",
                        "\"replication_state\":\"streaming\",\"receive_lsn\":50,\"replay_lsn\":50,\"xlog_location\":50,\"timeline\":1"));
    }

    /** synchronous_mode off while /sync still names standbys ("b" in a different case than member "B"). */
    static Fixture staleSync() {
        return cluster("stale")
                .key("initialize", "2")
                .key("config", "{\"ttl\":30}")
                .key("leader", "a")
                .key("status", "{\"optime\":5}")
                .key("sync", "{\"leader\":\"a\",\"sync_standby\":\"b,c\"}")
                .member("a", member("h1", 5432, "primary", "running", "4.1.4", "\"xlog_location\":5,\"timeline\":1"))
                .member("B", member("h2", 5432, "replica", "running", "4.1.4", "\"xlog_location\":5,\"timeline\":1"))
                .member("c", member("h3", 5432, "replica", "running", "4.1.4", "\"xlog_location\":5,\"timeline\":1"));
    }

    /** replicatefrom chains (a→b→c), a self reference, a tag naming the leader or nobody, and a cycle x⇄y. */
    static Fixture cascade() {
        Fixture f = cluster("cascade")
                .key("initialize", "1")
                .key("config", "{\"ttl\":30}")
                .key("leader", "l")
                .key("status", "{\"optime\":1000}")
                .member("l", member("h1", 5432, "master", "running", "3.0.2", "\"xlog_location\":1000,\"timeline\":1"));
        String[][] replicas = {{"a", "h2", "b"}, {"b", "h3", "c"}, {"c", "h4", null}, {"d", "h5", "d"}, {"e", "h6", "l"},
                {"f", "h7", "nobody"}, {"x", "h8", "y"}, {"y", "h9", "x"}};
        for (String[] r : replicas) {
            String tags = r[2] == null ? "" : "\"tags\":{\"replicatefrom\":\"" + r[2] + "\"},";
            f.member(r[0], member(r[1], 5432, "replica", "running", "3.0.2", tags + "\"xlog_location\":1000,\"timeline\":1"));
        }
        return f;
    }
}
