package io.pgha.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * log.dir: records go to {@code patroni.log}; past {@code file_size} bytes it becomes {@code patroni.log.1}
 * (older ones shift up, at most {@code file_num} kept), as Python's RotatingFileHandler names them, so
 * tools that tail Patroni's log file find pgha's at the same name.
 */
final class RotatingFileHandler extends Handler {
    private final Path file;
    private final long maxBytes;
    private final int backups;
    private final Optional<Integer> mode;
    private OutputStream out;
    private long written;

    RotatingFileHandler(Path file, long maxBytes, int backups, Optional<Integer> mode) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.backups = backups;
        this.mode = mode;
        try {
            Files.createDirectories(file.getParent());
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log file " + file + ": " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        boolean created = !Files.exists(file);
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (created && mode.isPresent()) {
            Files.setPosixFilePermissions(file, permissions(mode.get()));
        }
        written = Files.size(file);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        try {
            if (written > 0 && written + line.length > maxBytes) {
                rotate();
            }
            out.write(line);
            out.flush();
            written += line.length;
        } catch (IOException e) {
            reportError("cannot write " + file, e, ErrorManager.WRITE_FAILURE);
        }
    }

    private void rotate() throws IOException {
        out.close();
        if (backups == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(backup(backups));
            for (int i = backups - 1; i >= 1; i--) {
                if (Files.exists(backup(i))) {
                    Files.move(backup(i), backup(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, backup(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path backup(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError("cannot flush " + file, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            reportError("cannot close " + file, e, ErrorManager.CLOSE_FAILURE);
        }
    }
}
