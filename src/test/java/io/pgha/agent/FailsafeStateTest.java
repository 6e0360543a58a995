package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.RangeResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which members a primary must reach when etcd goes away: the last /failsafe it read or wrote. */
class FailsafeStateTest {
    private static final Keyspace DEMO = new Keyspace("/service/", "demo");
    private static final Map<String, String> ALL = Map.of("node1", "http://127.0.0.1:8008/patroni",
            "node2", "http://127.0.0.2:8008/patroni", "node3", "http://127.0.0.3:8008/patroni");

    private static Cluster viewWithFailsafe(String json) {
        return ClusterParser.parse(DEMO, new RangeResult(10, List.of(new KeyValue(DEMO.failsafe(), json, 1, 5, 0))));
    }

    @Test
    void whatTheLeaderWroteCountsBeforeTheNextViewIsRead() {
        FailsafeState state = new FailsafeState();
        state.seen(viewWithFailsafe("{\"node1\":\"http://127.0.0.1:8008/patroni\"}"));

        state.written(ALL);

        assertEquals(ALL, state.topology(), "an outage before the next read must ask node2 and node3 too");
    }

    @Test
    void aLaterViewReplacesWhatWasWritten() {
        FailsafeState state = new FailsafeState();
        state.written(ALL);

        state.seen(viewWithFailsafe("{\"node1\":\"http://127.0.0.1:8008/patroni\",\"node2\":\"http://127.0.0.2:8008/patroni\"}"));

        assertEquals(Map.of("node1", "http://127.0.0.1:8008/patroni", "node2", "http://127.0.0.2:8008/patroni"),
                state.topology());
    }
}
