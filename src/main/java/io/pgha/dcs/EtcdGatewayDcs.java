package io.pgha.dcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@link Dcs} on etcd's v3 JSON gateway with okhttp, sending the requests Patroni sends (keyspace.md §5, §6).
 * For one-shot CLI commands: it loads no jetcd, gRPC or Netty class.
 */
public final class EtcdGatewayDcs implements Dcs {
    private final GatewayClient client;

    public EtcdGatewayDcs(EtcdSettings settings) {
        this.client = new GatewayClient(settings);
    }

    @Override
    public RangeResult range(String prefix) {
        byte[] key = KeyRanges.utf8(prefix);
        return read(client.newObject()
                .put("key", b64(key))
                .put("range_end", b64(KeyRanges.prefixEnd(key)))
                .put("serializable", false));
    }

    @Override
    public Optional<KeyValue> get(String key) {
        List<KeyValue> kvs = read(client.newObject().put("key", b64(key)).put("serializable", false)).kvs();
        return kvs.stream().filter(kv -> kv.key().equals(key)).findFirst();
    }

    @Override
    public long put(String key, String value, long lease) {
        JsonNode answer = client.post("/kv/put", putRequest(key, value, lease));
        return revision(answer);
    }

    @Override
    public boolean putIfAbsent(String key, String value, long lease) {
        ObjectNode txn = client.newObject();
        txn.putArray("compare").add(createCompare(key));
        txn.putArray("success").addObject().set("request_put", putRequest(key, value, lease));
        return succeeded(client.post("/kv/txn", txn));
    }

    @Override
    public boolean compareAndPut(String key, String value, long expectedModRevision) {
        ObjectNode txn = client.newObject();
        txn.putArray("compare").add(modCompare(key, expectedModRevision));
        txn.putArray("success").addObject().set("request_put", putRequest(key, value, 0));
        return succeeded(client.post("/kv/txn", txn));
    }

    @Override
    public boolean compareValueAndPut(String key, String expectedValue, String value, long lease) {
        // Patroni >= 3.0.3's leader update: re-attach if the value still matches, else create if absent, atomically
        ObjectNode nested = client.newObject();
        nested.putArray("compare").add(createCompare(key));
        nested.putArray("success").addObject().set("request_put", putRequest(key, value, lease));
        ObjectNode txn = client.newObject();
        txn.putArray("compare").add(valueCompare(key, expectedValue));
        txn.putArray("success").addObject().set("request_put", putRequest(key, value, lease));
        txn.putArray("failure").addObject().set("request_txn", nested);
        JsonNode answer = client.post("/kv/txn", txn);
        return succeeded(answer) || answer.path("responses").path(0).path("response_txn").path("succeeded").asBoolean(false);
    }

    @Override
    public boolean compareValueAndDelete(String key, String expectedValue) {
        ObjectNode txn = client.newObject();
        txn.putArray("compare").add(valueCompare(key, expectedValue));
        txn.putArray("success").addObject().putObject("request_delete_range").put("key", b64(key));
        return succeeded(client.post("/kv/txn", txn));
    }

    @Override
    public boolean compareAndDelete(String key, long expectedModRevision) {
        ObjectNode txn = client.newObject();
        txn.putArray("compare").add(modCompare(key, expectedModRevision));
        txn.putArray("success").addObject().putObject("request_delete_range").put("key", b64(key));
        return succeeded(client.post("/kv/txn", txn));
    }

    @Override
    public long delete(String key) {
        return client.post("/kv/deleterange", client.newObject().put("key", b64(key))).path("deleted").asLong(0);
    }

    @Override
    public long deletePrefix(String prefix) {
        byte[] key = KeyRanges.utf8(prefix);
        ObjectNode request = client.newObject()
                .put("key", b64(key))
                .put("range_end", b64(KeyRanges.prefixEnd(key)));
        return client.post("/kv/deleterange", request).path("deleted").asLong(0);
    }

    @Override
    public String endpointDescription() {
        return client.endpointDescription();
    }

    @Override
    public void close() {
        client.close();
    }

    private RangeResult read(ObjectNode request) {
        JsonNode answer = client.post("/kv/range", request);
        List<KeyValue> kvs = new ArrayList<>();
        for (JsonNode kv : answer.path("kvs")) {
            kvs.add(keyValue(kv));
        }
        return new RangeResult(revision(answer), kvs);
    }

    /** A gateway kv: int64 fields are JSON strings, and fields at their zero value (empty value, no lease) are omitted. */
    private KeyValue keyValue(JsonNode kv) {
        return new KeyValue(
                KeyRanges.text(unb64(kv.path("key").asText(""))),
                KeyRanges.text(unb64(kv.path("value").asText(""))),
                kv.path("create_revision").asLong(0),
                kv.path("mod_revision").asLong(0),
                kv.path("lease").asLong(0));
    }

    private ObjectNode putRequest(String key, String value, long lease) {
        ObjectNode put = client.newObject().put("key", b64(key)).put("value", b64(KeyRanges.utf8(value)));
        if (lease != 0) {
            put.put("lease", Long.toString(lease));
        }
        return put;
    }

    private ObjectNode createCompare(String key) {
        return client.newObject().put("target", "CREATE").put("create_revision", "0").put("key", b64(key));
    }

    private ObjectNode modCompare(String key, long modRevision) {
        return client.newObject().put("target", "MOD").put("mod_revision", Long.toString(modRevision)).put("key", b64(key));
    }

    private ObjectNode valueCompare(String key, String value) {
        return client.newObject().put("key", b64(key)).put("target", "VALUE").put("value", b64(KeyRanges.utf8(value)));
    }

    /** etcd omits "succeeded" when it is false. */
    private static boolean succeeded(JsonNode answer) {
        return answer.path("succeeded").asBoolean(false);
    }

    private static long revision(JsonNode answer) {
        return answer.path("header").path("revision").asLong(0);
    }

    private static String b64(String text) {
        return b64(KeyRanges.utf8(text));
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private byte[] unb64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DcsException("unexpected response from etcd at " + endpointDescription() + ": a key or value is not base64");
        }
    }
}
