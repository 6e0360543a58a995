package io.pgha.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.Json;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.RangeResult;
import io.pgha.testing.Captures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Debian's patronictl 3.0.2 printed for every captured cluster state, byte for byte, from the
 * etcd snapshot of that state (3.0 surface).
 *
 * <p>The snapshot and the patronictl runs were a few seconds apart, and three states changed in
 * between; {@link #asSeenBy} replays those changes, each visible in the captured output itself:
 * <ul>
 * <li>fast-after-failover, sync-after-failover: node3 had not yet published timeline 2 at the snapshot
 *     (every patronictl output and every node's {@code GET /cluster} show TL 2);</li>
 * <li>sync-healthy: no {@code /sync} key yet at the snapshot; {@code list -e}, tsv, yaml and topology
 *     were printed after the leader wrote {@code {"leader":"node1","sync_standby":"node2"}}
 *     (plain list and json still show node2 as Replica);</li>
 * <li>sync-after-failover: {@code /sync} named no standby at the snapshot; {@code list -e}, tsv and
 *     topology show node3 as Sync Standby, plain list, json and yaml as Replica.</li>
 * </ul>
 */
class CaptureRenderingTest {
    private static final Keyspace DEMO = new Keyspace("/service", "demo");
    private static final Set<String> SYNC_HEALTHY_AFTER_SYNC_KEY = Set.of("patronictl-list-e.txt",
            "patronictl-list-tsv.txt", "patronictl-list-yaml.txt", "patronictl-topology.txt");
    private static final Set<String> SYNC_AFTER_FAILOVER_WITH_STANDBY = Set.of("patronictl-list-e.txt",
            "patronictl-list-tsv.txt", "patronictl-topology.txt");

    static List<String> states() {
        return Captures.STATES;
    }

    private static Cluster cluster(String state) {
        return ClusterParser.parse(DEMO, Captures.range(state));
    }

    private static String list(String state, String file, OutputFormat format, boolean extended) {
        Cluster cluster = ClusterParser.parse(DEMO, asSeenBy(state, file));
        return MemberListing.render(List.of(cluster), new ListOptions(Surface.PATRONI_3_0, format, extended));
    }

    private static void assertRendered(String state, String file, OutputFormat format, boolean extended) {
        assertEquals(Captures.text(state, file), list(state, file, format, extended), state + "/" + file);
    }

    /** The snapshot with the changes that happened before {@code file} was printed (see class comment). */
    static RangeResult asSeenBy(String state, String file) {
        RangeResult range = Captures.range(state);
        switch (state) {
            case "fast-after-failover" -> range = withMemberField(range, "node3", "timeline", 2);
            case "sync-healthy" -> {
                if (SYNC_HEALTHY_AFTER_SYNC_KEY.contains(file)) {
                    range = withKey(range, "sync", "{\"leader\":\"node1\",\"sync_standby\":\"node2\"}");
                }
            }
            case "sync-after-failover" -> {
                range = withMemberField(range, "node3", "timeline", 2);
                if (SYNC_AFTER_FAILOVER_WITH_STANDBY.contains(file)) {
                    range = withKey(range, "sync", "{\"leader\":\"node2\",\"sync_standby\":\"node3\"}");
                }
            }
            default -> {
                // the snapshot is what patronictl saw
            }
        }
        return range;
    }

    private static RangeResult withMemberField(RangeResult range, String member, String field, Object value) {
        String key = DEMO.member(member);
        List<KeyValue> kvs = new ArrayList<>();
        for (KeyValue kv : range.kvs()) {
            if (kv.key().equals(key)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> data = (Map<String, Object>) Json.parse(kv.value()).orElseThrow();
                Map<String, Object> changed = new LinkedHashMap<>(data);
                changed.put(field, value);
                kv = new KeyValue(kv.key(), Json.write(changed), kv.createRevision(), kv.modRevision() + 1, kv.lease());
            }
            kvs.add(kv);
        }
        return new RangeResult(range.revision() + 1, kvs);
    }

    private static RangeResult withKey(RangeResult range, String name, String value) {
        List<KeyValue> kvs = new ArrayList<>();
        for (KeyValue kv : range.kvs()) {
            if (!kv.key().equals(DEMO.key(name))) {
                kvs.add(kv);
            }
        }
        kvs.add(new KeyValue(DEMO.key(name), value, range.revision() + 1, range.revision() + 1, 0));
        return new RangeResult(range.revision() + 1, kvs);
    }

    @ParameterizedTest
    @MethodSource("states")
    void listPretty(String state) {
        assertRendered(state, "patronictl-list.txt", OutputFormat.PRETTY, false);
    }

    @ParameterizedTest
    @MethodSource("states")
    void listExtended(String state) {
        assertRendered(state, "patronictl-list-e.txt", OutputFormat.PRETTY, true);
    }

    @ParameterizedTest
    @MethodSource("states")
    void listJson(String state) {
        assertRendered(state, "patronictl-list-json.txt", OutputFormat.JSON, false);
    }

    @ParameterizedTest
    @MethodSource("states")
    void listTsv(String state) {
        assertRendered(state, "patronictl-list-tsv.txt", OutputFormat.TSV, false);
    }

    @ParameterizedTest
    @MethodSource("states")
    void listYaml(String state) {
        assertRendered(state, "patronictl-list-yaml.txt", OutputFormat.YAML, false);
    }

    @ParameterizedTest
    @MethodSource("states")
    void topology(String state) {
        assertRendered(state, "patronictl-topology.txt", OutputFormat.TOPOLOGY, false);
    }

    @ParameterizedTest
    @MethodSource("states")
    void history(String state) {
        assertEquals(Captures.text(state, "patronictl-history.txt"),
                new PrettyPrinter().render(HistoryTable.build(cluster(state))));
    }

    @ParameterizedTest
    @MethodSource("states")
    void showConfig(String state) {
        assertEquals(Captures.text(state, "patronictl-show-config.txt"), ConfigText.render(cluster(state)));
    }

    @ParameterizedTest
    @MethodSource("states")
    void dsn(String state) {
        Cluster c = cluster(state);
        assertEquals(Captures.text(state, "patronictl-dsn.txt"), Dsn.of(c.leaderMember().orElseThrow()).orElseThrow() + "\n");
    }

    @Test
    void patroni41SurfaceShowsTheCaptured302MembersAsReplayPositions() {
        // what Patroni 4.1.4's patronictl printed for the same etcd content
        assertEquals("""
                + Cluster: demo (7712239926406301085) --------+----+-------------+-----+------------+-----+
                | Member | Host           | Role    | State   | TL | Receive LSN | Lag | Replay LSN | Lag |
                +--------+----------------+---------+---------+----+-------------+-----+------------+-----+
                | node1  | 127.0.0.1:5532 | Leader  | running |  1 |             |     |            |     |
                | node2  | 127.0.0.1:5533 | Replica | running |  1 |     unknown |     |  0/4000000 |   0 |
                | node3  | 127.0.0.1:5534 | Replica | running |  1 |     unknown |     |  0/3000000 |  16 |
                +--------+----------------+---------+---------+----+-------------+-----+------------+-----+
                """, MemberListing.render(List.of(cluster("healthy")), ListOptions.of(OutputFormat.PRETTY)));
    }
}
