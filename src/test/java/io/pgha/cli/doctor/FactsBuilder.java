package io.pgha.cli.doctor;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.Json;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.RangeResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the facts a check judges, as the gatherer would have found them, without any I/O. */
final class FactsBuilder {
    private static final Keyspace KEYSPACE = new Keyspace("/service", "demo");
    private final List<KeyValue> keys = new ArrayList<>();
    private final Map<String, MemberApi> api = new HashMap<>();
    private final Map<String, SqlFacts> sql = new HashMap<>();
    private EtcdFacts etcd = healthyEtcd(3);
    private Thresholds thresholds = Thresholds.DEFAULTS;
    private String sqlSkipped;
    private long revision = 1;

    /** A healthy three-member cluster: node1 leads at 0x5000000, node2 and node3 replicate in step. */
    static FactsBuilder healthy() {
        FactsBuilder b = new FactsBuilder()
                .config("{\"ttl\": 30, \"loop_wait\": 10, \"retry_timeout\": 10, \"maximum_lag_on_failover\": 1048576}")
                .key("initialize", "7712239926406301085")
                .key("leader", "node1");
        for (int i = 1; i <= 3; i++) {
            String role = i == 1 ? "master" : "replica";
            b.member("node" + i, "{\"api_url\": \"http://127.0.0.1:810" + i + "/patroni\", \"conn_url\": "
                    + "\"postgres://127.0.0.1:553" + i + "/postgres\", \"role\": \"" + role + "\", \"state\": \"running\", "
                    + "\"timeline\": 1, \"version\": \"3.0.2\", \"xlog_location\": 83886080}");
        }
        b.api("node1", "{\"state\": \"running\", \"role\": \"master\", \"server_version\": 150018, \"xlog\": "
                + "{\"location\": 83886080}, \"timeline\": 1, \"replication\": [{\"application_name\": \"node2\", "
                + "\"state\": \"streaming\"}, {\"application_name\": \"node3\", \"state\": \"streaming\"}], "
                + "\"patroni\": {\"version\": \"3.0.2\", \"scope\": \"demo\"}}");
        for (int i = 2; i <= 3; i++) {
            b.api("node" + i, replicaApi(83886080, 1));
        }
        return b;
    }

    static String replicaApi(long position, int timeline) {
        return "{\"state\": \"running\", \"role\": \"replica\", \"server_version\": 150018, \"xlog\": "
                + "{\"received_location\": " + position + ", \"replayed_location\": " + position + ", \"paused\": false}, "
                + "\"timeline\": " + timeline + ", \"patroni\": {\"version\": \"3.0.2\", \"scope\": \"demo\"}}";
    }

    static EtcdFacts healthyEtcd(int size) {
        List<EtcdFacts.Endpoint> endpoints = new ArrayList<>();
        List<EtcdFacts.EtcdMember> members = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            String url = "http://127.0.0.1:237" + i;
            endpoints.add(new EtcdFacts.Endpoint(url, true, null, "" + i, "1", "3.4.23", List.of()));
            members.add(new EtcdFacts.EtcdMember("" + i, "etcd" + i, List.of(url)));
        }
        return new EtcdFacts(endpoints, members, null);
    }

    FactsBuilder key(String name, String value) {
        keys.removeIf(k -> k.key().equals(KEYSPACE.key(name)));
        if (value != null) {
            keys.add(new KeyValue(KEYSPACE.key(name), value, revision, revision++, 0));
        }
        return this;
    }

    FactsBuilder config(String json) {
        return key("config", json);
    }

    FactsBuilder member(String name, String json) {
        return key("members/" + name, json);
    }

    FactsBuilder api(String name, String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) Json.parse(json).orElseThrow();
        api.put(name, MemberApi.answered(name, document));
        return this;
    }

    FactsBuilder apiDown(String name, String error) {
        api.put(name, MemberApi.failed(name, error));
        return this;
    }

    FactsBuilder sql(SqlFacts facts) {
        sql.put(facts.member(), facts);
        return this;
    }

    FactsBuilder etcd(EtcdFacts facts) {
        etcd = facts;
        return this;
    }

    FactsBuilder thresholds(Thresholds limits) {
        thresholds = limits;
        return this;
    }

    FactsBuilder sqlSkipped(String reason) {
        sqlSkipped = reason;
        return this;
    }

    Facts build() {
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(java.util.Comparator.comparing(KeyValue::key));
        Cluster cluster = ClusterParser.parse(KEYSPACE, new RangeResult(revision, sorted));
        return new Facts("demo", cluster, null, etcd, api, sql, sqlSkipped, thresholds);
    }
}
