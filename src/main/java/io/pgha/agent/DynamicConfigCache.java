package io.pgha.agent;

import io.pgha.dcs.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code <data_dir>/patroni.dynamic.json}: the last dynamic configuration this node applied, so that a
 * node restarted against a DCS without {@code /config} uses (and, as leader, writes back) the cluster's
 * configuration rather than {@code bootstrap.dcs}. Patroni's format: the configuration as one JSON object.
 * Never fails the agent: an unreadable file is ignored, a failed write is a warning.
 */
final class DynamicConfigCache {
    static final String FILE_NAME = "patroni.dynamic.json";
    private static final System.Logger LOG = System.getLogger(DynamicConfigCache.class.getName());

    private final Path dataDir;
    private final Path file;
    /** What the file holds as far as this agent knows; null before it was read or written. */
    private Map<String, Object> written;
    private boolean warned;

    DynamicConfigCache(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /** The cached configuration; empty when there is no file or it cannot be used (then with a warning). */
    synchronized Optional<Map<String, Object>> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "ignoring " + file + ": cannot read it: " + e.getMessage());
            return Optional.empty();
        }
        Optional<Object> value = Json.parse(text);
        if (value.isEmpty() || !(value.get() instanceof Map<?, ?> map)) {
            LOG.log(System.Logger.Level.WARNING, "ignoring " + file + ": not a JSON object");
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        map.forEach((k, v) -> data.put(String.valueOf(k), v));
        written = data;
        return Optional.of(data);
    }

    /**
     * Writes {@code data} unless the file already holds it or the data directory does not exist (it is
     * never created here: initdb and base backups need it absent or empty). Temporary file and rename
     * in the data directory, so a reader never sees half a file.
     */
    synchronized void save(Map<String, Object> data) {
        if (Objects.equals(data, written) || !Files.isDirectory(dataDir)) {
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dataDir, FILE_NAME, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Json.write(data), StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
            written = new LinkedHashMap<>(data);
            warned = false;
        } catch (IOException | RuntimeException e) {
            if (!warned) {
                LOG.log(System.Logger.Level.WARNING, "cannot save the dynamic configuration in " + file + ": " + e);
                warned = true;
            }
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the failure above was reported; a stray temporary file is harmless
                }
            }
        }
    }
}
