package io.pgha.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresFixtureIT {

    @Test
    void aRowWrittenIsReadBackAndClosingFreesThePort() throws IOException {
        int port;
        long pid;
        try (PostgresFixture pg = PostgresFixture.start()) {
            port = pg.port();
            pid = pg.pid();
            assertTrue(Files.exists(pg.socketDir().resolve(".s.PGSQL." + port)),
                    "the unix socket lives in the fixture's own dir");
            pg.execute("CREATE TABLE note (id int PRIMARY KEY, body text)");
            assertEquals(1, pg.execute("INSERT INTO note VALUES (1, 'hello')"));
            assertEquals(List.of(List.of("1", "hello")), pg.query("SELECT id, body FROM note"));
            assertEquals(List.of(List.of("off")), pg.query("SHOW fsync"));
            assertEquals(List.of(List.of("127.0.0.1")), pg.query("SHOW listen_addresses"));
        }
        assertFalse(Pids.isRunning(pid), "postmaster gone after close");
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort(), "port free after close");
        }
    }

    @Test
    void stopIsIdempotentAndTheDataDirIsRemovedOnClose() {
        PostgresFixture pg = PostgresFixture.start();
        pg.stop();
        assertFalse(pg.isRunning());
        pg.close();
        assertFalse(Files.exists(pg.dataDir()), "temp dir removed");
    }
}
