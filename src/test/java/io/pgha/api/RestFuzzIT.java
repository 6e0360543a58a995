package io.pgha.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.testing.PghaClusterFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Hostile HTTP against a running pgha leader: at least 10,000 generated requests over every endpoint
 * (random methods, paths, headers; bodies oversized, of the wrong JSON type, nested 100,000 deep, not
 * UTF-8, cut short, chunked garbage) while slowloris connections hold partial requests open. Every answer
 * must be a 2xx/4xx, a closed connection, or a 5xx Patroni's protocol itself gives there (see
 * {@link #protocolAnswer}), or the JDK server's 501 for a transfer coding it does not know (which
 * RFC 9112 §6.1 prescribes; Python's server ignores Transfer-Encoding); never a 500. The agent keeps answering GET /health and
 * stays the leader. Prints the counts per outcome.
 */
class RestFuzzIT {
    private static final int REQUESTS = 10_000;
    private static final String[] UNSAFE = {"POST /switchover", "POST /failover", "POST /restart", "DELETE /restart",
        "POST /reinitialize", "POST /reload", "PATCH /config", "PUT /config", "DELETE /switchover", "POST /failsafe",
        "POST /citus", "POST /sigterm"};
    private static final String[] READS = {"/patroni", "/cluster", "/history", "/config", "/failsafe", "/metrics",
        "/liveness", "/readiness", "/health", "/", "/primary", "/replica", "/read-only", "/sync", "/async",
        "/leader", "/standby-leader", "/read-only-sync", "/nonexistent"};
    private static final String[] METHODS = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE", "TRACE",
        "CONNECT", "get", "FOO", "G\u00e9T", ""};

    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void hostileRequestsGetA4xxOrAClosedConnectionAndTheLeaderKeepsServing() throws Exception {
        try (PghaClusterFixture cluster = PghaClusterFixture.builder("fuzz").nodes(1).timing(20, 2, 5).start()) {
            PghaClusterFixture.Node leader = cluster.awaitHealthy(Duration.ofSeconds(90));
            int port = leader.restPort();
            long seed = System.nanoTime();
            System.out.println("RestFuzzIT seed " + seed);

            List<Socket> slow = slowloris(port, 40);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> batches = new ArrayList<>();
                int perBatch = 250;
                for (int b = 0; b < REQUESTS / perBatch; b++) {
                    Random random = new Random(seed + b);
                    batches.add(pool.submit(() -> {
                        for (int i = 0; i < perBatch; i++) {
                            fire(port, random);
                        }
                        return null;
                    }));
                }
                int done = 0;
                for (Future<?> batch : batches) {
                    batch.get();
                    if (++done % 8 == 0) {
                        assertEquals(200, health(port), () -> "GET /health while under fire; " + counts() + "\n"
                                + leader.logTail(40));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            int reclaimed = 0;
            for (Socket socket : slow) {
                if (closedByServer(socket)) {
                    reclaimed++;
                }
                socket.close();
            }
            long total = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
            System.out.println("RestFuzzIT: " + total + " requests, " + slow.size() + " slowloris connections ("
                    + reclaimed + " closed by the agent); outcomes " + new TreeMap<>(counts()));
            assertTrue(total >= REQUESTS, "sent " + total);
            assertTrue(violations.isEmpty(), violations.size() + " forbidden answers, e.g. " + violations.subList(0,
                    Math.min(5, violations.size())));
            assertEquals(slow.size(), reclaimed, "the agent closes connections that never finish their request");
            assertEquals(200, health(port));
            assertEquals(leader.name(), cluster.leaderName().orElseThrow(), "still the leader");
            assertTrue(leader.isRunning(), "the agent is alive");
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> result = new TreeMap<>();
        outcomes.forEach((k, v) -> result.put(k, v.get()));
        return result;
    }

    private void fire(int port, Random random) {
        String method;
        String path;
        boolean unsafe = random.nextInt(3) > 0;
        if (unsafe) {
            String[] endpoint = UNSAFE[random.nextInt(UNSAFE.length)].split(" ");
            method = endpoint[0];
            path = endpoint[1];
        } else if (random.nextInt(4) == 0) {
            method = METHODS[random.nextInt(METHODS.length)];
            path = READS[random.nextInt(READS.length)];
        } else {
            method = "GET";
            path = READS[random.nextInt(READS.length)];
        }
        path = mangle(path, random);
        // a POST /restart without a length, or with an empty body, is a real restart (as in Patroni): the storm
        // must stay hostile, not become an operation
        boolean restart = method.equals("POST") && path.startsWith("/restart");
        byte[] request = request(method, path, random, restart);
        String outcome = exchange(port, request, random.nextInt(20) == 0);
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        String head = new String(request, 0, Math.min(request.length, 100_000), StandardCharsets.ISO_8859_1);
        // a header folded onto Transfer-Encoding makes it an unknown transfer coding: RFC 9112 §6.1 answers 501
        boolean unknownCoding = head.contains("Transfer-Encoding: chunked\r\n ");
        if (outcome.startsWith("HTTP 5") && !(unknownCoding && outcome.equals("HTTP 501"))
                && !protocolAnswer(method, path, Integer.parseInt(outcome.substring(5)))) {
            head = head.substring(0, Math.min(head.length(), 160));
            violations.add(outcome + " for " + head.replace("\r\n", " | "));
        }
    }

    /**
     * The 5xx answers Patroni 3.0.2 itself gives: 501 for a method no endpoint has; 502 from /failsafe
     * without failsafe mode; 503 from a health check, and from reinitialize, switchover, failover and
     * restart when they cannot be done. Never a 500.
     */
    private static boolean protocolAnswer(String method, String path, int status) {
        String segment = ApiRequest.of("GET", path).firstSegment();
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        return switch (status) {
            case 501 -> !read && !isHandled(method, segment);
            case 502 -> segment.equals("failsafe");
            case 503 -> read || method.equals("POST") && List.of("reinitialize", "switchover", "failover", "restart")
                    .contains(segment);
            default -> false;
        };
    }

    private static boolean isHandled(String method, String segment) {
        for (String endpoint : UNSAFE) {
            String[] parts = endpoint.split(" ");
            if (parts[0].equals(method) && parts[1].substring(1).equals(segment)
                    && !List.of("sigterm", "citus", "failsafe").contains(segment)) {
                return true;
            }
        }
        return false;
    }

    private static String mangle(String path, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> path + "/" + Long.toHexString(random.nextLong());
            case 1 -> path + "?lag=" + random.nextInt() + "&tag_x=%ff%00&&=&lag";
            case 2 -> path + "/%c0%af..%2f..";
            case 3 -> path + "?" + "a=b&".repeat(random.nextInt(2000));
            default -> path;
        };
    }

    private static byte[] request(String method, String path, Random random, boolean neverEmpty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] body = body(random);
        if (neverEmpty && body.length == 0) {
            body = "[]".getBytes(StandardCharsets.US_ASCII);
        }
        String version = random.nextInt(10) == 0 ? "HTTP/9.9" : random.nextBoolean() ? "HTTP/1.0" : "HTTP/1.1";
        write(out, method + " " + path + " " + version + "\r\nHost: 127.0.0.1\r\n");
        boolean chunked = !neverEmpty && random.nextInt(8) == 0;
        switch (neverEmpty ? 11 : random.nextInt(12)) {
            case 0 -> write(out, "Content-Length: " + (body.length + 1000) + "\r\n"); // promises more than comes
            case 1 -> write(out, "Content-Length: -5\r\n");
            case 2 -> write(out, "Content-Length: 99999999999999999999\r\n");
            case 3 -> write(out, "Content-Length: abc\r\nContent-Length: 3\r\n");
            case 4 -> { /* no length at all */ }
            default -> {
                if (!chunked) {
                    write(out, "Content-Length: " + body.length + "\r\n");
                }
            }
        }
        if (chunked) {
            write(out, "Transfer-Encoding: chunked\r\n");
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            write(out, switch (random.nextInt(6)) {
                case 0 -> "Authorization: Basic " + "A".repeat(random.nextInt(5000)) + "\r\n";
                case 1 -> "X-" + random.nextInt() + ": " + "v".repeat(random.nextInt(20000)) + "\r\n";
                case 2 -> "Content-Type: application/json; charset=\u00ff\r\n";
                case 3 -> "Bad Header Without Colon\r\n";
                case 4 -> " folded continuation\r\n";
                default -> "Authorization: Bearer x\r\n";
            });
        }
        write(out, "\r\n");
        if (chunked) {
            write(out, Integer.toHexString(body.length) + "\r\n");
            out.writeBytes(body);
            write(out, random.nextBoolean() ? "\r\nzz\r\ngarbage" : "\r\n0\r\n\r\n");
        } else {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] body(Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> new byte[(1 << 20) + 1 + random.nextInt(1000)]; // over the 1 MiB limit
            case 1 -> "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
            case 2 -> "{\"a\":".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
            case 3 -> new byte[] {'{', '"', 'l', 'e', 'a', 'd', 'e', 'r', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
            case 4 -> "{\"leader\": \"node1\", \"candidate\": ".getBytes(StandardCharsets.US_ASCII); // truncated
            case 5 -> randomBytes(random, random.nextInt(4096));
            case 6 -> "[1, 2, 3]".getBytes(StandardCharsets.US_ASCII);
            case 7 -> "\"just a string\"".getBytes(StandardCharsets.US_ASCII);
            case 8 -> "12345678901234567890123456789e99999".getBytes(StandardCharsets.US_ASCII);
            case 9 -> "null".getBytes(StandardCharsets.US_ASCII);
            case 10 -> "{\"leader\": 5, \"candidate\": [], \"scheduled_at\": {}}".getBytes(StandardCharsets.US_ASCII);
            case 11 -> "{\"schedule\": [], \"timeout\": {}, \"postgres_version\": 1.5, \"restart_pending\": \"maybe\", \"role\": 7}"
                    .getBytes(StandardCharsets.US_ASCII);
            case 12 -> "{\"ttl\": \"x\", \"postgresql\": [1], \"loop_wait\": null, \"synchronous_mode\": {\"a\": []}, \"x\": 1e400}"
                    .getBytes(StandardCharsets.US_ASCII);
            case 13 -> "{\"force\": \"yes\", \"from_leader\": [], \"\\ud800\": 1}".getBytes(StandardCharsets.US_ASCII);
            case 14 -> ("{\"a\": \"" + "x".repeat(500_000) + "\"").getBytes(StandardCharsets.US_ASCII);
            default -> new byte[0];
        };
    }

    private static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends the request (in dribbles when {@code slowly}) and reads the answer's status, or how it ended. */
    private static String exchange(int port, byte[] request, boolean slowly) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                if (slowly) {
                    int step = Math.max(1, request.length / 5);
                    for (int at = 0; at < request.length; at += step) {
                        out.write(request, at, Math.min(step, request.length - at));
                        out.flush();
                        Thread.sleep(20);
                    }
                } else {
                    out.write(request);
                }
                out.flush();
                socket.shutdownOutput();
            } catch (IOException refusedEarly) {
                // the agent answered or closed before reading it all: read what it said
            }
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            String status = new String(head, StandardCharsets.ISO_8859_1);
            if (status.matches("HTTP/1\\.[01] \\d{3}")) {
                return "HTTP " + status.substring(9, 12);
            }
            return head.length == 0 ? "closed" : "garbage";
        } catch (java.net.SocketTimeoutException e) {
            return "no answer in 30 s";
        } catch (IOException e) {
            return "closed (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Connections that send half a request header and then nothing. */
    private static List<Socket> slowloris(int port, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.getOutputStream().write(("POST /switchover HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nX-a: "
                    + i).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        return sockets;
    }

    private static boolean closedByServer(Socket socket) {
        try {
            socket.setSoTimeout(20_000);
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever the agent said before closing
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static int health(int port) {
        String outcome = exchange(port, "GET /health HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), false);
        return outcome.startsWith("HTTP ") ? Integer.parseInt(outcome.substring(5)) : -1;
    }
}
