package io.pgha.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;

/**
 * The pgpass file through which libpq clients started by the agent (pg_basebackup, pg_rewind, the
 * walreceiver via {@code passfile=}) get their passwords. One wildcard line per configured user:
 * the same roles and passwords exist on every member of the cluster.
 */
final class PgPass {
    private PgPass() {
    }

    /** Writes the file (mode 0600, atomically) unless it already has exactly this content. */
    static void write(Path path, List<Credentials> users) {
        if (Files.isDirectory(path)) {
            throw new PostgresException("postgresql.pgpass " + path + " is a directory; it must be a file");
        }
        StringBuilder content = new StringBuilder();
        users.stream().filter(Credentials::hasPassword).distinct().forEach(user -> content
                .append("*:*:*:").append(escape(user.username())).append(':')
                .append(escape(user.password())).append('\n'));
        byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(path), bytes)
                    && "rw-------".equals(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))) {
                return;
            }
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".pgpass-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, bytes);
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PostgresException("cannot write pgpass file " + path + ": " + e.getMessage(), e);
        }
    }

    /** libpq's pgpass escaping: backslash and colon are preceded by a backslash. */
    static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
