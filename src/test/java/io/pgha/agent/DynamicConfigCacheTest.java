package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicConfigCacheTest {
    private static final Map<String, Object> CONFIG = Map.of("ttl", 30L, "maximum_lag_on_failover", 1234567L,
            "postgresql", Map.of("parameters", Map.of("work_mem", "7MB")));

    @TempDir
    Path dataDir;

    private final Logger log = Logger.getLogger(DynamicConfigCache.class.getName());
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    void savedConfigurationIsLoadedByTheNextAgent() throws Exception {
        new DynamicConfigCache(dataDir).save(CONFIG);

        Path file = dataDir.resolve("patroni.dynamic.json");
        assertEquals(Optional.of(CONFIG), new DynamicConfigCache(dataDir).load());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(dataDir)) {
            assertEquals(List.of(file), listing.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void unchangedConfigurationIsNotRewritten() throws Exception {
        DynamicConfigCache cache = new DynamicConfigCache(dataDir);
        cache.save(CONFIG);
        Path file = dataDir.resolve("patroni.dynamic.json");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, old);

        cache.save(Map.copyOf(CONFIG));
        assertEquals(old, Files.getLastModifiedTime(file));

        cache.save(Map.of("ttl", 40L));
        assertEquals(Optional.of(Map.of("ttl", 40L)), new DynamicConfigCache(dataDir).load());
    }

    @Test
    void loadedConfigurationIsNotWrittenAgain() throws Exception {
        new DynamicConfigCache(dataDir).save(CONFIG);
        Path file = dataDir.resolve("patroni.dynamic.json");
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(file, old);

        DynamicConfigCache restarted = new DynamicConfigCache(dataDir);
        restarted.save(restarted.load().orElseThrow());
        assertEquals(old, Files.getLastModifiedTime(file));
    }

    @Test
    void corruptFileIsIgnoredWithAWarning() throws Exception {
        Files.writeString(dataDir.resolve("patroni.dynamic.json"), "{\"ttl\": 30, ");

        assertEquals(Optional.empty(), new DynamicConfigCache(dataDir).load());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).getMessage().contains("patroni.dynamic.json"), warnings.get(0).getMessage());
    }

    @Test
    void nonObjectIsIgnoredWithAWarning() throws Exception {
        Files.writeString(dataDir.resolve("patroni.dynamic.json"), "[1, 2]");

        assertEquals(Optional.empty(), new DynamicConfigCache(dataDir).load());
        assertEquals(1, warnings.size());
    }

    @Test
    void missingFileIsNoCacheAndNoWarning() {
        assertEquals(Optional.empty(), new DynamicConfigCache(dataDir).load());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void missingDataDirectoryIsNotCreated() {
        Path absent = dataDir.resolve("not-yet");
        new DynamicConfigCache(absent).save(CONFIG);

        assertFalse(Files.exists(absent));
        assertTrue(warnings.isEmpty());
    }

    @Test
    void failedWriteIsOneWarningNotAFailure() throws Exception {
        Path readOnly = dataDir.resolve("ro");
        Files.createDirectory(readOnly);
        // a directory where the file should be: the rename fails however privileged the test runs
        Files.createDirectory(readOnly.resolve("patroni.dynamic.json"));
        Files.writeString(readOnly.resolve("patroni.dynamic.json").resolve("x"), "x");
        DynamicConfigCache cache = new DynamicConfigCache(readOnly);

        cache.save(CONFIG);
        cache.save(Map.of("ttl", 40L));

        assertEquals(1, warnings.size());
        try (var listing = Files.list(readOnly)) {
            assertEquals(1, listing.count(), "the temporary file is removed");
        }
    }
}
