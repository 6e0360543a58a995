package io.pgha.dcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.Captures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClusterParserTest {
    private static final Keyspace DEMO = new Keyspace("/service/", "demo");

    private static Cluster parse(KeyValue... kvs) {
        return ClusterParser.parse(DEMO, new RangeResult(100, List.of(kvs)));
    }

    private static KeyValue kv(String name, String value) {
        return new KeyValue(DEMO.key(name), value, 1, 7, 0);
    }

    @Test
    void healthyCaptureReadsEveryKeyPatroniWrote() {
        Cluster cluster = ClusterParser.parse(DEMO, Captures.range("healthy"));

        assertEquals(List.of(), cluster.problems());
        assertEquals("7712239926406301085", cluster.initialize());
        assertEquals("node1", cluster.leader().name());
        assertEquals(301074960447882758L, cluster.leader().lease());
        assertEquals(List.of("node1", "node2", "node3"), cluster.members().stream().map(Member::name).toList());
        Member leader = cluster.leaderMember().orElseThrow();
        assertEquals("master", leader.role());
        assertTrue(leader.isPrimaryRole());
        assertEquals(new Member.HostPort("127.0.0.1", 5532), leader.postgresAddress().orElseThrow());
        assertEquals("http://127.0.0.1:8108/switchover", leader.apiEndpoint("/switchover").orElseThrow().toString());
        assertEquals(67108864L, cluster.clusterLsn());
        assertEquals(50331648L, cluster.member("node3").orElseThrow().xlogLocation());
        assertEquals(30, cluster.config().number("ttl", 0));
        assertEquals(7, cluster.config().modRevision());
        assertFalse(cluster.isPaused());
        assertNull(cluster.history());
        assertFalse(cluster.failover().isPresent());
        assertEquals(19, cluster.revision());
    }

    @Test
    void afterFailoverCaptureHasHistoryAndAnEmptyFailoverKey() {
        Cluster cluster = ClusterParser.parse(DEMO, Captures.range("after-failover"));

        assertEquals(List.of(), cluster.problems());
        assertEquals("node3", cluster.leader().name());
        assertEquals(2, cluster.history().size());
        HistoryEntry second = cluster.history().get(1);
        assertEquals(2, second.timeline());
        assertEquals(67368144L, second.lsn());
        assertEquals("node3", second.newLeader());
        assertEquals(3, cluster.timeline());
        assertFalse(cluster.failover().isPresent());
    }

    @Test
    void syncCaptureNamesTheSynchronousStandby() {
        Cluster cluster = ClusterParser.parse(DEMO, Captures.range("sync-after-failover"));

        assertTrue(cluster.config().synchronousMode());
        assertEquals("node2", cluster.sync().leader());
        Member other = cluster.members().stream().filter(m -> !cluster.isLeader(m)).findFirst().orElseThrow();
        assertEquals(cluster.sync().isSyncStandby(other.name()), cluster.isSyncStandby(other));
    }

    static List<String> states() {
        return Captures.STATES;
    }

    @ParameterizedTest
    @MethodSource("states")
    void everyCaptureParsesWithoutProblems(String state) {
        Cluster cluster = ClusterParser.parse(DEMO, Captures.range(state));
        assertEquals(List.of(), cluster.problems());
        assertFalse(cluster.members().isEmpty());
        assertTrue(cluster.leaderMember().isPresent(), "every capture has a leader");
    }

    @Test
    void garbageInEveryKeyIsReportedAndReadAsEmpty() {
        List<KeyValue> garbage = new ArrayList<>();
        for (String name : List.of("config", "failover", "sync", "history", "status", "failsafe", "members/node1")) {
            garbage.add(kv(name, "{not json\u0001"));
        }
        garbage.add(kv("leader", "node1"));
        garbage.add(kv("optime/leader", "twelve"));
        Cluster cluster = ClusterParser.parse(DEMO, new RangeResult(5, garbage));

        assertEquals(8, cluster.problems().size(), cluster.problems().toString());
        assertTrue(cluster.problems().contains("members/node1: not a JSON object, read as a member without data"));
        assertEquals(0, cluster.config().modRevision());
        assertTrue(cluster.config().data().isEmpty());
        assertTrue(cluster.sync().isEmpty());
        assertEquals(List.of(), cluster.history());
        assertEquals(0, cluster.clusterLsn());
        assertNull(cluster.failsafe());
        Member placeholder = cluster.leaderMember().orElseThrow();
        assertEquals("node1", placeholder.name());
        assertNull(placeholder.state());
    }

    @Test
    void fieldsOfTheWrongTypeAreReportedAndIgnored() {
        Cluster cluster = parse(kv("members/n1",
                "{\"conn_url\":\"postgres://h:5433/postgres\",\"timeline\":\"three\",\"tags\":[1],\"state\":\"running\",\"role\":\"replica\"}"));

        Member member = cluster.members().get(0);
        assertNull(member.timeline());
        assertEquals(Map.of(), member.tags());
        assertEquals("running", member.state());
        assertEquals(2, cluster.problems().size(), cluster.problems().toString());
    }

    @Test
    void legacyForms() {
        Cluster cluster = parse(
                kv("members/old", "postgres://u:p@10.0.0.1:5433/db?application_name=http%3A%2F%2F10.0.0.1%3A8008%2Fpatroni"),
                kv("members/kw", "{\"conn_kwargs\":{\"host\":\"h2\",\"port\":6432},\"role\":\"primary\"}"),
                kv("failover", "node1:node2"),
                kv("optime/leader", "67108960"));

        Member old = cluster.member("old").orElseThrow();
        assertEquals("postgres://u:p@10.0.0.1:5433/db", old.connUrl());
        assertEquals("http://10.0.0.1:8008/patroni", old.apiUrl());
        Member kw = cluster.member("kw").orElseThrow();
        assertEquals(new Member.HostPort("h2", 6432), kw.postgresAddress().orElseThrow());
        assertTrue(kw.isPrimaryRole());
        assertEquals("node1", cluster.failover().leader());
        assertEquals("node2", cluster.failover().member());
        assertEquals(67108960L, cluster.clusterLsn());
    }

    @Test
    void statusAsBareNumberOrWithSlotsEncodedAsText() {
        assertEquals(42L, parse(kv("status", "42")).clusterLsn());
        Cluster cluster = parse(kv("status", "{\"optime\":100,\"slots\":\"{\\\"s1\\\":90}\",\"retain_slots\":[\"n1\"]}"));
        assertEquals(Map.of("s1", 90L), cluster.status().slots());
        assertEquals(List.of("n1"), cluster.status().retainSlots());
    }

    @Test
    void onlyDirectChildrenOfMembersAndOnlyThisClusterCount() {
        Cluster cluster = ClusterParser.parse(DEMO, new RangeResult(1, List.of(
                new KeyValue("/service/demo2/members/x", "{}", 1, 1, 0),
                new KeyValue("/service/demo/members/a/b", "{}", 1, 1, 0),
                new KeyValue("/service/demo/members/b", "{\"state\":\"running\"}", 1, 1, 0))));
        assertEquals(List.of("b"), cluster.members().stream().map(Member::name).toList());
    }

    @Test
    void pauseSyncAndEmptyInitialize() {
        Cluster cluster = parse(
                kv("config", "{\"pause\": true, \"synchronous_mode\": \"quorum\"}"),
                kv("sync", "{\"leader\":\"n1\",\"quorum\":1,\"sync_standby\":\"N2,n3\"}"),
                kv("initialize", ""),
                kv("history", "[]"));
        assertTrue(cluster.isPaused());
        assertTrue(cluster.config().quorumMode());
        assertTrue(cluster.sync().isSyncStandby("n2"), "names in /sync match case-insensitively");
        assertEquals(1, cluster.sync().quorum());
        assertEquals("", cluster.initialize());
        assertEquals(1, cluster.timeline());
    }

    @Test
    void keyspaceNormalisesTheNamespaceAsPatroniDoes() {
        for (String namespace : List.of("service", "/service", "/service/", "//service")) {
            assertEquals("/service/demo", new Keyspace(namespace, "demo").base());
        }
        assertEquals("/service/demo/members/n1", DEMO.member("n1"));
    }

    @Test
    void aHugeGarbledValueIsReportedOnOneShortLineNamingItsKey() {
        Cluster cluster = parse(kv("history", "[{\"garbage\": \"" + "x".repeat(1_000_000) + "\"}]"));

        assertEquals(1, cluster.problems().size());
        String problem = cluster.problems().get(0);
        assertTrue(problem.startsWith("history: entry {"), problem.substring(0, 40));
        assertTrue(problem.length() <= 303, "reported in " + problem.length() + " characters");
        assertFalse(problem.contains("\n"));
    }
}
