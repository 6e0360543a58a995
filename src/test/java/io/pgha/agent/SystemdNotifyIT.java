package io.pgha.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.ManagedProcess;
import io.pgha.testing.PghaClusterFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The agent under systemd's Type=notify: a stand-in for systemd's notification socket (a Unix datagram
 * socket that, as systemd does, closes the barrier descriptor systemd-notify sends) records what a real
 * agent process says through the real systemd-notify: READY=1 once it cycles, WATCHDOG=1 pings when
 * WATCHDOG_USEC asks for them, STOPPING=1 on SIGTERM.
 */
class SystemdNotifyIT {
    private static final String RECEIVER = """
            import os, socket, sys
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            sock.bind(sys.argv[1])
            with open(sys.argv[2], 'a') as out:
                while True:
                    data, ancillary, flags, address = sock.recvmsg(65536, socket.CMSG_SPACE(16 * 4))
                    for level, kind, payload in ancillary:
                        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                            for i in range(0, len(payload) - len(payload) % 4, 4):
                                os.close(int.from_bytes(payload[i:i + 4], sys.byteorder))
                    out.write(data.decode().replace('\\n', '|') + '\\n')
                    out.flush()
            """;

    @Test
    void theAgentTellsSystemdItIsReadyPingsTheWatchdogAndSaysWhenItStops() throws Exception {
        Path dir = Files.createTempDirectory("pgha-notify-");
        Path socket = dir.resolve("notify.sock");
        Path received = dir.resolve("received.txt");
        Files.createFile(received);
        try (ManagedProcess systemd = ManagedProcess.start("notify socket",
                List.of("/usr/bin/python3", "-c", RECEIVER, socket.toString(), received.toString()), dir,
                dir.resolve("receiver.log"))) {
            awaitFile(socket);
            try (PghaClusterFixture cluster = PghaClusterFixture.builder("notify").nodes(1).timing(30, 2, 10)
                    .environment(Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "3000000"))
                    .start()) {
                long pid = cluster.node(1).agentPid();
                String ready = await(received, line -> line.contains("READY=1"), "READY=1");
                assertTrue(ready.contains("MAINPID=" + pid), "systemd must learn the JVM is the main PID: " + ready);
                assertTrue(ready.contains("STATUS="), "the status line carries the last decision: " + ready);
                await(received, line -> line.contains("WATCHDOG=1") && !line.contains("READY=1"), "a later WATCHDOG=1");
                cluster.stop(1);
                await(received, line -> line.contains("STOPPING=1"), "STOPPING=1");
            }
        }
    }

    private static void awaitFile(Path path) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(path); i++) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(path), "the notification socket was not created: is python3 installed?");
    }

    private static String await(Path received, Predicate<String> wanted, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(received)) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + what + " within 60 s; received: " + Files.readAllLines(received));
    }
}
