package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shutdown checkpoint a stopping leader leaves in /status, read from pg_control without pg_controldata. */
class ControlFileHeaderTest {
    @TempDir
    Path dataDir;

    private void write(int version, int state, long checkpoint) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(296).order(ByteOrder.nativeOrder());
        b.putLong(0, 7_000_000_000_000_000_000L).putInt(8, version).putInt(12, 202209061).putInt(16, state)
                .putLong(24, 1_700_000_000L).putLong(32, checkpoint);
        Files.createDirectories(dataDir.resolve("global"));
        Files.write(dataDir.resolve("global/pg_control"), b.array());
    }

    @Test
    void aCleanlyStoppedServerGivesItsLatestCheckpoint() throws Exception {
        write(1300, 1, 0x3000060L);
        ControlFileHeader header = ControlFileHeader.read(dataDir).orElseThrow();
        assertTrue(header.shutDown());
        assertEquals(0x3000060L, header.checkpointLocation());
    }

    @Test
    void aServerInProductionIsNotShutDown() throws Exception {
        write(1700, 6, 0x3000060L);
        assertFalse(ControlFileHeader.read(dataDir).orElseThrow().shutDown());
    }

    @Test
    void anUnknownLayoutOrNoFileLeavesItToPgControldata() throws Exception {
        assertTrue(ControlFileHeader.read(dataDir).isEmpty());
        write(942, 1, 0x3000060L);
        assertTrue(ControlFileHeader.read(dataDir).isEmpty());
    }
}
