package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.ha.PostgresState;
import io.pgha.postgres.PostmasterState;
import io.pgha.testing.Captures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /metrics} carries Patroni's metrics with the captured 3.0.2 values. We write 4.1.4's set;
 * the differences from the 3.0.2 captures, each checked below:
 * <ul>
 * <li>labels {@code {scope="demo",name="node1"}} (3.0.2: scope only; name since 3.2.0);</li>
 * <li>no {@code patroni_master} (removed in 4.0.0);</li>
 * <li>added {@code patroni_quorum_standby} (4.0.0), {@code patroni_postgres_streaming},
 *     {@code patroni_postgres_in_archive_recovery} (3.0.4) and {@code patroni_postgres_state} (4.1.0);</li>
 * <li>4.x HELP texts of {@code patroni_sync_standby} and {@code patroni_failsafe_mode_is_active},
 *     {@code patroni_postgres_timeline} typed gauge (3.0.2: counter);</li>
 * <li>no stray space before the labels of {@code patroni_postgres_server_version};</li>
 * <li>{@code patroni_dcs_last_seen} is not compared: the capture read it a second after the status body.</li>
 * </ul>
 */
class MetricsTest {
    private static final Set<String> ADDED = Set.of("patroni_quorum_standby", "patroni_postgres_streaming",
            "patroni_postgres_in_archive_recovery", "patroni_postgres_state");
    private static final Set<String> NEW_HELP = Set.of("patroni_sync_standby", "patroni_failsafe_mode_is_active");

    record Metric(String help, String type, String labels, String value) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"healthy,node1", "healthy,node2", "healthy,node3", "after-switchover,node2", "sync-after-failover-rejoined,node3"})
    void carriesTheCapturedValues(String state, String node) {
        Map<String, Metric> theirs = parse(Captures.text(state, "rest-" + node + "-metrics.body"));
        Map<String, Metric> ours = parse(Metrics.of(StatusDocument.of(CapturedNodes.view(state, node)),
                CapturedNodes.view(state, node)));

        assertFalse(ours.containsKey("patroni_master"));
        assertTrue(ours.keySet().containsAll(ADDED));
        for (Map.Entry<String, Metric> e : theirs.entrySet()) {
            String name = e.getKey();
            if (name.equals("patroni_master")) {
                continue;
            }
            Metric their = e.getValue();
            Metric our = ours.get(name);
            assertEquals("{scope=\"demo\",name=\"" + node + "\"}", our.labels(), name);
            if (!NEW_HELP.contains(name)) {
                assertEquals(their.help(), our.help(), name);
            }
            assertEquals(name.equals("patroni_postgres_timeline") ? "gauge" : their.type(), our.type(), name);
            if (!name.equals("patroni_dcs_last_seen")) {
                assertEquals(their.value(), our.value(), name);
            }
        }
        assertEquals(theirs.size() - 1 + ADDED.size(), ours.size(), "3.0.2's metrics less patroni_master, plus 4.x's");
    }

    @Test
    void replicaShowsStreamingAndPrimaryItsWalPosition() {
        Map<String, Metric> replica = metrics(CapturedNodes.view("healthy", "node2"));
        assertEquals("1", replica.get("patroni_postgres_streaming").value());
        assertEquals("0", replica.get("patroni_postgres_in_archive_recovery").value());
        assertEquals("5", replica.get("patroni_postgres_state").value(), "running is state 5");
        Map<String, Metric> primary = metrics(CapturedNodes.view("healthy", "node1"));
        assertEquals("67108864", primary.get("patroni_xlog_location").value());
        assertEquals("0", primary.get("patroni_postgres_streaming").value());
    }

    @Test
    void stoppedPostgresReportsZeroesAndItsStateIndex() {
        NodeView view = NodeStates.stopped("uninitialized");
        Map<String, Metric> m = metrics(view);
        assertEquals("0", m.get("patroni_postgres_running").value());
        assertEquals("0", m.get("patroni_postmaster_start_time").value());
        assertEquals("0", m.get("patroni_postgres_server_version").value());
        assertEquals("0", m.get("patroni_postgres_timeline").value());
        assertEquals("1", m.get("patroni_cluster_unlocked").value());
        assertEquals(Integer.toString(PostgresState.STOPPED.ordinal()), m.get("patroni_postgres_state").value());
        assertFalse(m.containsKey("patroni_postgres_streaming"), "only written when the server version is known");
    }

    @Test
    void unreadablePostgresIsStateMinusOne() {
        NodeView view = NodeStates.of(CapturedNodes.view("healthy", "node2"))
                .postgres(NodeStates.notRunning(PostmasterState.UNKNOWN)).view();
        assertEquals("-1", metrics(view).get("patroni_postgres_state").value());
    }

    @Test
    void stateValuesCommentPrecedesTheTypeLineAndTheBodyEndsWithANewline() {
        String text = Metrics.of(StatusDocument.of(CapturedNodes.view("healthy", "node1")),
                CapturedNodes.view("healthy", "node1"));
        assertTrue(text.contains("# HELP patroni_postgres_state Numeric representation of Postgres state.\n"
                + "# Values: 0=initdb, 1=initdb_failed, 2=custom_bootstrap, 3=custom_bootstrap_failed, "
                + "4=creating_replica, 5=running, 6=starting, 7=bootstrap_starting, 8=start_failed, 9=restarting, "
                + "10=restart_failed, 11=stopping, 12=stopped, 13=stop_failed, 14=crashed\n"
                + "# TYPE patroni_postgres_state gauge\n"), text);
        assertTrue(text.endsWith("\n") && !text.endsWith("\n\n"));
    }

    @Test
    void versionIsTwoDigitsPerPart() {
        assertEquals("040104", Metrics.paddedVersion("4.1.4"));
        assertEquals("030002", Metrics.paddedVersion("3.0.2"));
        assertEquals("041012", Metrics.paddedVersion("4.10.12"));
    }

    private static Map<String, Metric> metrics(NodeView view) {
        return parse(Metrics.of(StatusDocument.of(view), view));
    }

    /** name → HELP, TYPE, label set and value; every sample must follow its HELP and TYPE lines. */
    static Map<String, Metric> parse(String text) {
        Map<String, Metric> result = new LinkedHashMap<>();
        String help = null;
        String type = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                help = line.substring(line.indexOf(' ', 7) + 1);
            } else if (line.startsWith("# TYPE ")) {
                type = line.substring(line.lastIndexOf(' ') + 1);
            } else if (!line.startsWith("#") && !line.isEmpty()) {
                int brace = line.indexOf('{');
                int close = line.indexOf('}');
                String name = line.substring(0, brace).trim();
                assertTrue(help != null && type != null, "HELP and TYPE before " + name);
                result.put(name, new Metric(help, type, line.substring(brace, close + 1), line.substring(close + 2)));
                help = null;
                type = null;
            }
        }
        assertFalse(result.isEmpty());
        List.copyOf(result.keySet()).forEach(name -> assertTrue(name.startsWith("patroni_"), name));
        return result;
    }
}
