package io.pgha.api;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import io.pgha.dcs.RangeResult;
import io.pgha.ha.PeerStatus;
import io.pgha.ha.Tags;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The write endpoints' view of a cluster kept in memory: keys with revisions as etcd numbers them, member
 * statuses chosen by the test, and hooks that play the HA loops' part (the endpoints' logic is what is
 * tested; real etcd and agents are in the ITs).
 */
final class InMemoryKeyspace implements ClusterAccess {
    static final Keyspace KEYSPACE = new Keyspace("/service", "demo");

    private final Map<String, KeyValue> keys = new TreeMap<>();
    private final Set<String> unhealthy = new HashSet<>();
    private final Map<String, Map<String, Object>> tags = new TreeMap<>();
    private long revision = 10;
    int wakeUps;
    int reads;
    boolean failWrites;
    /** Runs on every read after the first write: the HA loops' reaction to the written key. */
    Consumer<InMemoryKeyspace> onRead = k -> { };
    /** Runs before every compare-and-set: another client's edit landing between our read and our write. */
    Consumer<InMemoryKeyspace> beforeCas = k -> { };
    private boolean written;

    /** node1 leads, node2 and node3 are replicas; {@code config} is /config's JSON. */
    static InMemoryKeyspace threeNodes(String config) {
        InMemoryKeyspace k = new InMemoryKeyspace();
        k.set("config", config);
        k.set("initialize", "7000000000000000001");
        for (String name : List.of("node1", "node2", "node3")) {
            k.member(name, name.equals("node1") ? "primary" : "replica");
        }
        k.set("leader", "node1");
        return k;
    }

    void member(String name, String role) {
        int n = name.charAt(name.length() - 1) - '0';
        set("members/" + name, "{\"conn_url\":\"postgres://127.0.0.1:543" + n + "/postgres\",\"api_url\":"
                + "\"http://127.0.0.1:801" + n + "/patroni\",\"state\":\"running\",\"role\":\"" + role
                + "\",\"version\":\"4.1.4\",\"xlog_location\":100,\"timeline\":1}");
    }

    void set(String relative, String value) {
        String key = KEYSPACE.key(relative);
        KeyValue old = keys.get(key);
        revision++;
        keys.put(key, new KeyValue(key, value, old == null ? revision : old.createRevision(), revision, 0));
    }

    void delete(String relative) {
        keys.remove(KEYSPACE.key(relative));
        revision++;
    }

    String value(String relative) {
        KeyValue kv = keys.get(KEYSPACE.key(relative));
        return kv == null ? null : kv.value();
    }

    long modRevision(String relative) {
        return keys.get(KEYSPACE.key(relative)).modRevision();
    }

    void unhealthy(String name) {
        unhealthy.add(name);
    }

    void tag(String name, Map<String, Object> memberTags) {
        tags.put(name, memberTags);
    }

    @Override
    public synchronized Cluster cluster() {
        reads++;
        if (written) {
            onRead.accept(this);
        }
        return ClusterParser.parse(KEYSPACE, new RangeResult(revision, new ArrayList<>(keys.values())));
    }

    @Override
    public synchronized boolean putFailover(String value) {
        if (failWrites) {
            return false;
        }
        set("failover", value);
        written = true;
        return true;
    }

    @Override
    public synchronized boolean compareAndPutFailover(String value, long modRevision) {
        return cas("failover", value, modRevision);
    }

    @Override
    public synchronized boolean compareAndPutConfig(String value, long modRevision) {
        return cas("config", value, modRevision);
    }

    @Override
    public synchronized boolean putConfig(String value) {
        if (failWrites) {
            return false;
        }
        set("config", value);
        return true;
    }

    @Override
    public List<PeerStatus> statuses(List<Member> members) {
        return members.stream().map(m -> unhealthy.contains(m.name()) ? PeerStatus.unreachable(m.name())
                : PeerStatus.replica(m.name(), 100, 1).withTags(Tags.of(tags.getOrDefault(m.name(), Map.of()))))
                .toList();
    }

    @Override
    public void wakeUp() {
        wakeUps++;
    }

    private boolean cas(String relative, String value, long modRevision) {
        beforeCas.accept(this);
        KeyValue kv = keys.get(KEYSPACE.key(relative));
        if (failWrites || kv == null || kv.modRevision() != modRevision) {
            return false;
        }
        set(relative, value);
        return true;
    }
}
