package io.pgha.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order, fallback and data directory handling of replica creation programs (ha-loop.md §14.1),
 * with small shell scripts standing in for backup tools.
 */
class CreateReplicaTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Upstream LEADER = new Upstream("node1", "10.0.0.1", 5432, "postgres", null);

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private CreateReplica create() {
        PostgresSettings settings = PostgresSettings.builder("demo", "node2", data(), ListenAddress.parse("127.0.0.1:5433"),
                new Authentication(new Credentials("postgres", "su-secret"), new Credentials("replicator", "repl-secret"),
                        null)).pgpass(dir.resolve("pgpass")).build();
        return new CreateReplica(settings, new Commands(settings.pgpass(), Redactor.of(settings.authentication())), null);
    }

    /** A method whose script records its arguments in {@code <name>.args}, then runs {@code body}. */
    private ReplicaMethod method(String name, String body, Object... options) throws IOException {
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + dir.resolve(name + ".args") + "\n"
                + "for a in \"$@\"; do case \"$a\" in --datadir=*) d=\"${a#--datadir=}\";; esac; done\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Map<String, Object> section = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            section.put((String) options[i], options[i + 1]);
        }
        return new ReplicaMethod(name, List.of(script.toString()), section);
    }

    private boolean ran(String name) {
        return Files.exists(dir.resolve(name + ".args"));
    }

    @Test
    void aFailingProgramIsFollowedByTheNextAndItsLeftoversAreRemoved() throws IOException {
        ReplicaMethod broken = method("broken", "mkdir -p \"$d\" && touch \"$d/junk\"; exit 3");
        ReplicaMethod copy = method("copy", "test ! -e \"$d\" && mkdir -m 700 \"$d\" && touch \"$d/PG_VERSION\"");

        assertEquals(copy, create().run(Optional.of(LEADER), List.of(broken, copy), TIMEOUT, TIMEOUT));

        assertTrue(ran("broken"));
        assertTrue(Files.exists(data().resolve("PG_VERSION")), "copy found no data directory and made its own");
        assertFalse(Files.exists(data().resolve("junk")));
        assertTrue(Files.readAllLines(dir.resolve("copy.args"))
                .contains("--connstring=dbname=postgres user=replicator host=10.0.0.1 port=5432"));
    }

    @Test
    void keepDataLeavesTheDirectoryToTheProgramEvenAfterItFails() throws IOException {
        Files.createDirectories(data().resolve("base"));
        Files.writeString(data().resolve("base/1"), "old");
        ReplicaMethod delta = method("delta", "test -e \"$d/base/1\" && exit 4", "keep_data", true);

        PostgresException e = assertThrows(PostgresException.class,
                () -> create().run(Optional.of(LEADER), List.of(delta), TIMEOUT, TIMEOUT));

        assertTrue(e.getMessage().contains("exited with code=4"), e.getMessage());
        assertTrue(Files.exists(data().resolve("base/1")), "keep_data: neither removed before nor after");
        assertTrue(Files.readAllLines(dir.resolve("delta.args")).contains("--keep_data=True"));
    }

    @Test
    void withoutSourceOnlyNoLeaderProgramsRunWithAnEmptyConnstring() throws IOException {
        ReplicaMethod needsLeader = method("stream", "exit 0");
        ReplicaMethod restore = method("restore", "mkdir -p \"$d\"", "no_leader", true);

        assertEquals(restore, create().run(Optional.empty(), List.of(needsLeader, restore, ReplicaMethod.basebackup()),
                TIMEOUT, TIMEOUT));

        assertFalse(ran("stream"));
        assertTrue(Files.readAllLines(dir.resolve("restore.args")).contains("--connstring="));
    }

    @Test
    void withoutSourceAndWithoutNoLeaderProgramNothingRuns() throws IOException {
        ReplicaMethod stream = method("stream", "exit 0");

        PostgresException e = assertThrows(PostgresException.class,
                () -> create().run(Optional.empty(), List.of(stream, ReplicaMethod.basebackup()), TIMEOUT, TIMEOUT));

        assertEquals("no member to copy from and none of the replica creation methods [stream, basebackup] has"
                + " no_leader set", e.getMessage());
        assertFalse(ran("stream"));
    }

    @Test
    void everyFailureIsNamedAndNoPasswordReachesTheProgram() throws IOException {
        ReplicaMethod first = method("first", "echo \"$PGPASSWORD\" > " + dir.resolve("seen") + "; exit 1");
        ReplicaMethod second = method("second", "echo 'FATAL: restore failed' ; exit 2");

        PostgresException e = assertThrows(PostgresException.class,
                () -> create().run(Optional.of(LEADER), List.of(first, second), TIMEOUT, TIMEOUT));

        assertTrue(e.getMessage().startsWith("could not create the replica: first: "), e.getMessage());
        assertTrue(e.getMessage().contains("second: ") && e.getMessage().contains("FATAL: restore failed"), e.getMessage());
        assertEquals("", Files.readString(dir.resolve("seen")).strip());
        assertFalse(Files.readString(dir.resolve("first.args")).contains("secret"));
    }
}
