package io.pgha.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The first fields of {@code global/pg_control}, read from the file itself: the cluster state and the
 * latest checkpoint location, the two facts a leader needs right after its server stopped. Starting
 * pg_controldata for them costs a process start at the moment the cluster has no writable node; this
 * read costs a few microseconds. Layout of PostgreSQL 12 to 17 (system identifier, pg_control version,
 * catalog version, state at byte 16, time, checkpoint location at byte 32; native byte order); any other
 * control-file version yields empty, and callers then ask pg_controldata.
 */
public record ControlFileHeader(int version, boolean shutDown, long checkpointLocation) {
    private static final Set<Integer> KNOWN_VERSIONS = Set.of(1201, 1300, 1700);
    private static final int STATE_SHUT_DOWN = 1;
    private static final int HEADER_BYTES = 40;

    /** Empty when the file is missing, short, or of a layout not listed above. */
    public static Optional<ControlFileHeader> read(Path dataDir) {
        byte[] bytes = new byte[HEADER_BYTES];
        try (InputStream in = Files.newInputStream(dataDir.resolve("global").resolve("pg_control"))) {
            if (in.readNBytes(bytes, 0, HEADER_BYTES) < HEADER_BYTES) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        int version = buffer.getInt(8);
        if (!KNOWN_VERSIONS.contains(version)) {
            return Optional.empty();
        }
        return Optional.of(new ControlFileHeader(version, buffer.getInt(16) == STATE_SHUT_DOWN, buffer.getLong(32)));
    }
}
