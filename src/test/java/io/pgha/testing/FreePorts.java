package io.pgha.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on loopback for test servers; never the well-known 2379/5432/8008. */
public final class FreePorts {
    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    /** A port nothing listens on now and that this JVM has not handed out before. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (port != 2379 && port != 5432 && port != 8008 && handedOut.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port", e);
            }
        }
        throw new IllegalStateException("no free loopback port after 100 attempts");
    }
}
