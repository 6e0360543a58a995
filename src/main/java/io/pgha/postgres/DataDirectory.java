package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Inspects, creates, wipes and moves aside the data directory; nothing here runs PostgreSQL. */
final class DataDirectory {
    private final Path dir;

    DataDirectory(Path dir) {
        this.dir = dir;
    }

    /** ha-loop.md §5.2: empty means no global/pg_control and nothing but hidden files or lost+found. */
    DataDirectoryStatus status(Supplier<ControlData> controlData) {
        if (!Files.exists(dir)) {
            return DataDirectoryStatus.of(DataDirectoryState.MISSING, dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            return DataDirectoryStatus.of(DataDirectoryState.INACCESSIBLE, dir + " is not a directory");
        }
        try {
            if (looksEmpty()) {
                return DataDirectoryStatus.of(DataDirectoryState.EMPTY, dir + " is empty");
            }
        } catch (IOException e) {
            return DataDirectoryStatus.of(DataDirectoryState.INACCESSIBLE, "cannot list " + dir + ": " + e.getMessage());
        }
        ControlData data;
        try {
            data = controlData.get();
        } catch (PostgresException e) {
            return DataDirectoryStatus.of(DataDirectoryState.INVALID, e.getMessage());
        }
        return data.systemIdentifier()
                .map(id -> new DataDirectoryStatus(DataDirectoryState.INITIALIZED, dir + " holds cluster " + id,
                        id, majorVersion()))
                .orElseGet(() -> DataDirectoryStatus.of(DataDirectoryState.INVALID,
                        "data directory " + dir + " is not empty, but its system identifier is invalid"));
    }

    private boolean looksEmpty() throws IOException {
        if (Files.exists(dir.resolve("global").resolve("pg_control"))) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(".") && !name.equals("lost+found")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Missing, or empty as §5.2 means it (hidden files and lost+found do not count). */
    boolean isEmpty() {
        try {
            return !Files.exists(dir) || looksEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The major version from PG_VERSION (e.g. 15); 0 when unreadable. */
    int majorVersion() {
        try {
            String text = Files.readString(dir.resolve("PG_VERSION")).strip();
            return Integer.parseInt(text.contains(".") ? text.substring(0, text.indexOf('.')) : text);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Creates the directory if needed and gives it the mode PostgreSQL insists on (0700). */
    void ensureExists() {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new PostgresException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes everything inside the directory, keeping the directory itself (it may be a mount
     * point). Symbolic links (a pg_wal elsewhere) are removed, not followed.
     */
    void wipe() {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    if (!d.equals(dir)) {
                        Files.delete(d);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PostgresException("cannot empty data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Renames the directory to {@code <dir>.failed}, or {@code <dir>.failed.<n>} when that exists. */
    Path moveAside() {
        Path target = dir.resolveSibling(dir.getFileName() + ".failed");
        for (int i = 1; Files.exists(target); i++) {
            target = dir.resolveSibling(dir.getFileName() + ".failed." + i);
        }
        try {
            if (Files.exists(dir)) {
                Files.move(dir, target);
            }
            return target;
        } catch (IOException e) {
            throw new PostgresException("cannot move " + dir + " to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the directory itself, as Patroni's remove_data_directory does before and after a replica
     * creation program: the program then creates it with the mode PostgreSQL needs. One that cannot go
     * (a mount point) is left empty.
     */
    void remove() {
        wipe();
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a mount point or a read-only parent: empty is as close as it gets
        }
    }
}
