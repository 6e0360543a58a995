package io.pgha.dcs;

import static io.pgha.dcs.JsonFields.asBoolean;
import static io.pgha.dcs.JsonFields.asLong;
import static io.pgha.dcs.JsonFields.asText;
import static io.pgha.dcs.JsonFields.at;
import static io.pgha.dcs.JsonFields.items;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Dcs} on etcd's v3 JSON gateway with okhttp, sending the requests Patroni sends (keyspace.md §5, §6).
 * For one-shot CLI commands: it loads no jetcd, gRPC, Netty or jackson-databind class.
 */
public final class EtcdGatewayDcs implements Dcs {
    private final GatewayClient client;

    public EtcdGatewayDcs(EtcdSettings settings) {
        this.client = new GatewayClient(settings);
    }

    @Override
    public RangeResult range(String prefix) {
        byte[] key = KeyRanges.utf8(prefix);
        return read(object("key", b64(key), "range_end", b64(KeyRanges.prefixEnd(key)), "serializable", false));
    }

    @Override
    public Optional<KeyValue> get(String key) {
        List<KeyValue> kvs = read(object("key", b64(key), "serializable", false)).kvs();
        return kvs.stream().filter(kv -> kv.key().equals(key)).findFirst();
    }

    @Override
    public long put(String key, String value, long lease) {
        return revision(client.post("/kv/put", putRequest(key, value, lease)));
    }

    @Override
    public boolean putIfAbsent(String key, String value, long lease) {
        return succeeded(client.post("/kv/txn", txn(createCompare(key), putOperation(key, value, lease))));
    }

    @Override
    public boolean compareAndPut(String key, String value, long expectedModRevision) {
        return succeeded(client.post("/kv/txn", txn(modCompare(key, expectedModRevision), putOperation(key, value, 0))));
    }

    @Override
    public boolean compareValueAndPut(String key, String expectedValue, String value, long lease) {
        // Patroni >= 3.0.3's leader update: re-attach if the value still matches, else create if absent, atomically
        Map<String, Object> nested = txn(createCompare(key), putOperation(key, value, lease));
        Map<String, Object> txn = txn(valueCompare(key, expectedValue), putOperation(key, value, lease));
        txn.put("failure", List.of(object("request_txn", nested)));
        Map<String, Object> answer = client.post("/kv/txn", txn);
        return succeeded(answer) || asBoolean(at(answer, "responses", 0, "response_txn", "succeeded"));
    }

    @Override
    public boolean compareValueAndDelete(String key, String expectedValue) {
        return succeeded(client.post("/kv/txn", txn(valueCompare(key, expectedValue), deleteOperation(key))));
    }

    @Override
    public boolean compareAndDelete(String key, long expectedModRevision) {
        return succeeded(client.post("/kv/txn", txn(modCompare(key, expectedModRevision), deleteOperation(key))));
    }

    @Override
    public long delete(String key) {
        return asLong(client.post("/kv/deleterange", object("key", b64(key))).get("deleted"));
    }

    @Override
    public long deletePrefix(String prefix) {
        byte[] key = KeyRanges.utf8(prefix);
        Map<String, Object> request = object("key", b64(key), "range_end", b64(KeyRanges.prefixEnd(key)));
        return asLong(client.post("/kv/deleterange", request).get("deleted"));
    }

    @Override
    public String endpointDescription() {
        return client.endpointDescription();
    }

    @Override
    public void close() {
        client.close();
    }

    private RangeResult read(Map<String, Object> request) {
        Map<String, Object> answer = client.post("/kv/range", request);
        List<KeyValue> kvs = new ArrayList<>();
        for (Object kv : items(answer.get("kvs"))) {
            kvs.add(keyValue(kv));
        }
        return new RangeResult(revision(answer), kvs);
    }

    /** A gateway kv: int64 fields are JSON strings, and fields at their zero value (empty value, no lease) are omitted. */
    private KeyValue keyValue(Object kv) {
        return new KeyValue(
                KeyRanges.text(unb64(asText(at(kv, "key")))),
                KeyRanges.text(unb64(asText(at(kv, "value")))),
                asLong(at(kv, "create_revision")),
                asLong(at(kv, "mod_revision")),
                asLong(at(kv, "lease")));
    }

    /** One compare, one operation on success. */
    private static Map<String, Object> txn(Map<String, Object> compare, Map<String, Object> success) {
        return object("compare", List.of(compare), "success", List.of(success));
    }

    private static Map<String, Object> putOperation(String key, String value, long lease) {
        return object("request_put", putRequest(key, value, lease));
    }

    private static Map<String, Object> deleteOperation(String key) {
        return object("request_delete_range", object("key", b64(key)));
    }

    private static Map<String, Object> putRequest(String key, String value, long lease) {
        Map<String, Object> put = object("key", b64(key), "value", b64(KeyRanges.utf8(value)));
        if (lease != 0) {
            put.put("lease", Long.toString(lease));
        }
        return put;
    }

    private static Map<String, Object> createCompare(String key) {
        return object("target", "CREATE", "create_revision", "0", "key", b64(key));
    }

    private static Map<String, Object> modCompare(String key, long modRevision) {
        return object("target", "MOD", "mod_revision", Long.toString(modRevision), "key", b64(key));
    }

    private static Map<String, Object> valueCompare(String key, String value) {
        return object("key", b64(key), "target", "VALUE", "value", b64(KeyRanges.utf8(value)));
    }

    /** A JSON object from name, value, name, value... in this order. */
    private static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** etcd omits "succeeded" when it is false. */
    private static boolean succeeded(Map<String, Object> answer) {
        return asBoolean(answer.get("succeeded"));
    }

    private static long revision(Map<String, Object> answer) {
        return asLong(at(answer, "header", "revision"));
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
