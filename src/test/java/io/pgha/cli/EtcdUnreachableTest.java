package io.pgha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** patronictl waits on etcd forever; pgha says which endpoint failed, within the timeout, and exits 1. */
class EtcdUnreachableTest {

    @Test
    void listFailsFastWithOneLineNamingTheEndpoint() {
        int port = FreePorts.next();
        long start = System.nanoTime();
        CliRun run = CliRun.pgha("--dcs-timeout", "2", "-d", "etcd3://127.0.0.1:" + port, "list", "demo");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("Error: etcd unreachable at http://127.0.0.1:" + port), run.err());
        assertTrue(millis < 4000, "took " + millis + " ms");
    }
}
