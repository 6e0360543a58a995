package io.pgha.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.RangeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The captures of a real Patroni 3.0.2 cluster in {@code ../shared/captures}, beside the checkout. */
public final class Captures {
    /** Every captured cluster state. */
    public static final List<String> STATES = List.of("healthy", "after-switchover", "after-failover",
            "after-failover-rejoined", "fast-after-failover", "fast-after-failover-rejoined",
            "sync-healthy", "sync-after-failover", "sync-after-failover-rejoined");

    private Captures() {
    }

    public static Path dir(String state) {
        Path shared = Path.of(System.getProperty("user.dir")).resolve("../shared").normalize();
        Path dir = shared.resolve("captures").resolve(state);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("capture " + dir + " is missing: the tests need ../shared beside the checkout");
        }
        return dir;
    }

    public static String text(String state, String file) {
        try {
            return Files.readString(dir(state).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The captured prefix range ({@code etcd-get-prefix.json}) as the transports return it. */
    public static RangeResult range(String state) {
        try {
            JsonNode root = new ObjectMapper().readTree(text(state, "etcd-get-prefix.json"));
            List<KeyValue> kvs = new ArrayList<>();
            for (JsonNode kv : root.path("kvs")) {
                kvs.add(new KeyValue(decode(kv.path("key").asText()), decode(kv.path("value").asText("")),
                        kv.path("create_revision").asLong(), kv.path("mod_revision").asLong(), kv.path("lease").asLong(0)));
            }
            return new RangeResult(root.path("header").path("revision").asLong(), kvs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
