package io.pgha.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgha.dcs.Dcs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a capture of a real Patroni cluster ({@code shared/captures/<state>/etcd-get-prefix.json}) into a
 * real etcd, so tests can compare pgha with what patronictl printed for the same keys.
 * Values are written byte for byte; leases are not reproduced (the keys are written without one), but
 * which keys shared a lease is kept, e.g. to tell which member held the leader key.
 */
public final class CaptureLoader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaptureLoader() {
    }

    /** What a capture held and what was written. */
    public record Loaded(long capturedRevision, Map<String, String> values, Map<String, Long> leases) {
        public Loaded {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            leases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leases));
        }

        /** The other keys that were attached to the same lease as {@code key} (e.g. leader: the holder's member key). */
        public List<String> sharingLeaseWith(String key) {
            Long lease = leases.get(key);
            return leases.entrySet().stream()
                    .filter(e -> lease != null && e.getValue().equals(lease) && !e.getKey().equals(key))
                    .map(Map.Entry::getKey)
                    .toList();
        }
    }

    /** {@code <project root>/../shared}, where the captures and specs are laid beside the checkout. */
    public static Path sharedDir() {
        Path shared = Path.of("..", "shared").toAbsolutePath().normalize();
        if (!Files.isDirectory(shared.resolve("captures"))) {
            throw new IllegalStateException("no captures at " + shared.resolve("captures")
                    + ": tests expect the project's shared/ folder beside the checkout (dist/dev/test copies it there)");
        }
        return shared;
    }

    /** One capture folder by name, e.g. {@code healthy}. */
    public static Path capture(String name) {
        Path dir = sharedDir().resolve("captures").resolve(name);
        if (!Files.isRegularFile(dir.resolve("etcd-get-prefix.json"))) {
            throw new IllegalStateException("capture " + name + " has no etcd-get-prefix.json in " + dir);
        }
        return dir;
    }

    /** Every key of the capture, as the raw bytes etcd held (keys and values in capture order). */
    public static Map<String, byte[]> rawValues(Path captureDir) {
        Map<String, byte[]> raw = new LinkedHashMap<>();
        for (JsonNode kv : read(captureDir).path("kvs")) {
            raw.put(utf8(decode(kv.path("key")), captureDir), decode(kv.path("value")));
        }
        return raw;
    }

    /** Writes every key of the capture through {@code dcs}; returns what was written. */
    public static Loaded load(Dcs dcs, Path captureDir) {
        JsonNode dump = read(captureDir);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Long> leases = new LinkedHashMap<>();
        for (JsonNode kv : dump.path("kvs")) {
            String key = utf8(decode(kv.path("key")), captureDir);
            String value = utf8(decode(kv.path("value")), captureDir);
            dcs.put(key, value, 0);
            values.put(key, value);
            long lease = kv.path("lease").asLong(0);
            if (lease != 0) {
                leases.put(key, lease);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalStateException("capture " + captureDir + " holds no keys");
        }
        return new Loaded(dump.path("header").path("revision").asLong(0), values, leases);
    }

    private static JsonNode read(Path captureDir) {
        Path file = captureDir.resolve("etcd-get-prefix.json");
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read capture " + file, e);
        }
    }

    private static byte[] decode(JsonNode base64) {
        return Base64.getDecoder().decode(base64.asText(""));
    }

    /** Strict: a capture value that is not UTF-8 could not be written byte-identically through a text API. */
    private static String utf8(byte[] bytes, Path captureDir) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("capture " + captureDir + " holds a value that is not UTF-8");
        }
    }
}
