package io.pgha.api;

import static io.pgha.api.SwitchoverEndpointsTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PATCH and PUT /config change /config as Patroni does (rest-api.md §6.1, §6.2). */
class ConfigEndpointsTest {
    private static final String CONFIG = "{\"ttl\":30,\"loop_wait\":10,\"postgresql\":{\"use_pg_rewind\":true,"
            + "\"parameters\":{\"max_connections\":100,\"wal_level\":\"replica\"}}}";

    private final InMemoryKeyspace keyspace = InMemoryKeyspace.threeNodes(CONFIG);

    private ApiResponse send(String method, String json) {
        Router router = new ConfigEndpoints(keyspace).register(Router.readEndpoints(AccessControl.OPEN));
        return router.route(request(method, "/config", json), CapturedNodes.view("healthy", "node1"));
    }

    @Test
    void aPatchMergesNestedObjectsDeletesNullsAndAnswersTheWholeConfig() {
        long before = keyspace.modRevision("config");
        ApiResponse response = send("PATCH", "{\"pause\":true,\"ttl\":null,\"postgresql\":{\"parameters\":"
                + "{\"max_connections\":200,\"wal_level\":null,\"work_mem\":\"8MB\"}},\"tags\":{\"a\":null}}");
        assertEquals(200, response.status());
        assertEquals(ApiResponse.JSON, response.contentType());
        String merged = "{\"loop_wait\":10,\"postgresql\":{\"use_pg_rewind\":true,\"parameters\":{\"max_connections\":200,"
                + "\"work_mem\":\"8MB\"}},\"pause\":true,\"tags\":{\"a\":null}}";
        assertEquals(merged, keyspace.value("config"), "compact JSON as Patroni writes it; a new object is kept as sent");
        assertEquals(io.pgha.text.PyJson.dumps(io.pgha.dcs.Json.parse(merged).orElseThrow()), response.bodyText());
        assertTrue(keyspace.modRevision("config") > before);
        assertEquals(1, keyspace.wakeUps);
    }

    @Test
    void aPatchThatChangesNothingWritesNothing() {
        long before = keyspace.modRevision("config");
        ApiResponse response = send("PATCH", "{\"ttl\":\"30\",\"pause\":null,\"postgresql\":{\"use_pg_rewind\":true}}");
        assertEquals(200, response.status());
        assertEquals(before, keyspace.modRevision("config"), "30 and \"30\" are the same setting to Patroni");
        assertTrue(response.bodyText().startsWith("{\"ttl\": 30, \"loop_wait\": 10, "), response.bodyText());
    }

    @Test
    void anEditThatLandsBetweenReadAndWriteWinsAndThePatchGets409() {
        keyspace.beforeCas = k -> k.set("config", "{\"ttl\":40,\"loop_wait\":10}");
        ApiResponse response = send("PATCH", "{\"pause\":true}");
        assertEquals(409, response.status());
        assertEquals(ErrorPage.CONTENT_TYPE, response.contentType());
        assertEquals("{\"ttl\":40,\"loop_wait\":10}", keyspace.value("config"), "the concurrent edit is not lost");

        keyspace.beforeCas = k -> { };
        assertEquals(200, send("PATCH", "{\"pause\":true}").status(), "the retry merges into the new value");
        assertEquals("{\"ttl\":40,\"loop_wait\":10,\"pause\":true}", keyspace.value("config"));
    }

    @Test
    void withoutAValidConfigKeyAPatchIs503() {
        keyspace.delete("config");
        assertEquals(503, send("PATCH", "{\"pause\":true}").status());
        keyspace.set("config", "not json");
        assertEquals(503, send("PATCH", "{\"pause\":true}").status());
        assertEquals("not json", keyspace.value("config"));
    }

    @Test
    void aPutReplacesTheConfigUnlessItIsTheSame() {
        ApiResponse response = send("PUT", "{\"ttl\":20,\"loop_wait\":2}");
        assertEquals(200, response.status());
        assertEquals("{\"ttl\": 20, \"loop_wait\": 2}", response.bodyText());
        assertEquals("{\"ttl\":20,\"loop_wait\":2}", keyspace.value("config"));

        long before = keyspace.modRevision("config");
        assertEquals(200, send("PUT", "{\"loop_wait\":\"2\",\"ttl\":20}").status());
        assertEquals(before, keyspace.modRevision("config"), "same keys and text forms: no write");

        keyspace.failWrites = true;
        assertEquals(502, send("PUT", "{\"ttl\":25}").status());
        assertEquals("{\"ttl\":20,\"loop_wait\":2}", keyspace.value("config"));
    }

    @Test
    void nonObjectBodiesAreRefusedWithoutTouchingTheKey() {
        for (String method : List.of("PATCH", "PUT")) {
            assertEquals(411, send(method, null).status());
            for (String bad : List.of("", "{}", "[{\"ttl\":1}]", "30", "{\"ttl\":", "{\"ttl\":1}{}")) {
                ApiResponse response = send(method, bad);
                assertEquals(400, response.status(), method + " " + bad);
                assertEquals(ErrorPage.CONTENT_TYPE, response.contentType());
            }
        }
        assertEquals(0, keyspace.wakeUps);
        assertTrue(keyspace.value("config").startsWith("{\"ttl\":30,"));
    }

    @Test
    void mergeRulesFollowPatchConfig() {
        Map<String, Object> config = new LinkedHashMap<>(Map.of("a", Map.of("b", 1)));
        assertNull(ConfigPatch.merge(config, Map.of("a", Map.of("b", "1"))), "equal text forms");
        assertEquals(Map.of("a", 5), ConfigPatch.merge(config, Map.of("a", 5)), "an object replaced by a scalar");
        assertEquals(Map.of("a", Map.of("b", 1), "c", List.of(1)), ConfigPatch.merge(config, Map.of("c", List.of(1))));
        assertEquals(Map.of("a", Map.of("b", 1)), config, "the input stays as it was");
        Map<String, Object> withTrue = Map.of("x", true);
        assertNull(ConfigPatch.merge(withTrue, Map.of("x", "True")), "str(True) is 'True'");
        assertTrue(ConfigPatch.sameConfig(Map.of("x", Map.of("y", 1.0)), Map.of("x", Map.of("y", 1.0))));
        assertTrue(!ConfigPatch.sameConfig(Map.of("x", 1), Map.of("x", 1, "y", 2)));
    }
}
