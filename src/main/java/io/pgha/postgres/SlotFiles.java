package io.pgha.postgres;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Writing copied slot state files into a stopped server's pg_replslot, the way PostgreSQL keeps them. */
final class SlotFiles {
    private SlotFiles() {
    }

    static void install(Path replslot, List<SlotState> states) {
        try {
            for (SlotState slot : states) {
                SlotQueries.requireValid(slot.name());
                Path dir = replslot.resolve(slot.name());
                Path tmp = replslot.resolve(slot.name() + ".tmp");
                removeTree(tmp);
                Files.createDirectories(tmp);
                try (FileChannel file = FileChannel.open(tmp.resolve("state"), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(slot.state());
                    while (buffer.hasRemaining()) {
                        file.write(buffer);
                    }
                    file.force(true);
                }
                fsyncDirectory(tmp);
                removeTree(dir);
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(dir);
            }
            fsyncDirectory(replslot);
        } catch (IOException e) {
            throw new PostgresException("cannot write replication slot files into " + replslot + ": " + e.getMessage(), e);
        }
    }

    private static void removeTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
