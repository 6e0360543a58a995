package io.pgha.testing;

import io.pgha.dcs.EtcdSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Real etcd ({@code /usr/bin/etcd}) for tests: one or three members on free loopback ports in a
 * temp dir. Fails (never skips) when etcd is not installed. Close it to stop every member.
 */
public final class EtcdFixture implements AutoCloseable {
    public static final Path ETCD = Path.of("/usr/bin/etcd");

    private final Path dir;
    private final List<Member> members = new ArrayList<>();
    private volatile String rootPassword;

    /** One etcd member, with its process and ports. */
    public static final class Member {
        final String name;
        final int clientPort;
        final int peerPort;
        ManagedProcess process;
        List<String> command;
        boolean stopped;

        Member(String name, int clientPort, int peerPort) {
            this.name = name;
            this.clientPort = clientPort;
            this.peerPort = peerPort;
        }

        public String name() {
            return name;
        }

        public URI clientUrl() {
            return URI.create("http://127.0.0.1:" + clientPort);
        }

        public int clientPort() {
            return clientPort;
        }

        public boolean isRunning() {
            return process != null && process.isAlive();
        }
    }

    private EtcdFixture(Path dir) {
        this.dir = dir;
    }

    /** A single-member etcd, started and healthy. */
    public static EtcdFixture startSingle() {
        return start(1);
    }

    /** A cluster of {@code size} members, started and healthy. */
    public static EtcdFixture start(int size) {
        if (!Files.isExecutable(ETCD)) {
            throw new IllegalStateException(ETCD + " is missing: install Debian's etcd-server (dist/dev/test does)");
        }
        EtcdFixture fixture = new EtcdFixture(FixtureDirectories.create("pgha-etcd-"));
        for (int i = 1; i <= size; i++) {
            fixture.members.add(new Member("etcd" + i, FreePorts.next(), FreePorts.next()));
        }
        try {
            for (Member member : fixture.members) {
                fixture.startMember(member);
            }
            fixture.awaitHealthy(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
        return fixture;
    }

    private void startMember(Member member) {
        String initialCluster = members.stream()
                .map(m -> m.name + "=http://127.0.0.1:" + m.peerPort)
                .collect(Collectors.joining(","));
        List<String> command = List.of(ETCD.toString(),
                "--name", member.name,
                "--data-dir", dir.resolve(member.name).toString(),
                "--listen-client-urls", member.clientUrl().toString(),
                "--advertise-client-urls", member.clientUrl().toString(),
                "--listen-peer-urls", "http://127.0.0.1:" + member.peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + member.peerPort,
                "--initial-cluster", initialCluster,
                "--initial-cluster-token", "pgha-test-" + dir.getFileName(),
                "--initial-cluster-state", "new",
                "--heartbeat-interval", "50",
                "--election-timeout", "500",
                "--log-level", "warn");
        member.command = command;
        member.process = ManagedProcess.start("etcd " + member.name, command, dir, dir.resolve(member.name + ".log"));
    }

    /** Waits until every member not stopped through {@link #stop} answers /health with health true. */
    public void awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Member member : members) {
            if (member.process == null || member.stopped) {
                continue;
            }
            while (true) {
                try {
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(member.clientUrl().resolve("/health"))
                                    .timeout(Duration.ofSeconds(1)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("\"true\"")) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (!member.process.isAlive()) {
                    throw new IllegalStateException("etcd " + member.name + " exited:\n" + member.process.logTail(20));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("etcd " + member.name + " not healthy after " + timeout
                            + ":\n" + member.process.logTail(20));
                }
                sleep(50);
            }
        }
    }

    public List<Member> members() {
        return List.copyOf(members);
    }

    /** Client URLs of all members. */
    public List<URI> endpoints() {
        return members.stream().map(Member::clientUrl).toList();
    }

    /** The first member's client URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return members.get(0).clientUrl();
    }

    /** {@code 127.0.0.1:port,...} as Patroni's etcd3.hosts wants it. */
    public String hostsCsv() {
        return members.stream().map(m -> "127.0.0.1:" + m.clientPort).collect(Collectors.joining(","));
    }

    public EtcdSettings settings() {
        if (rootPassword != null) {
            return new EtcdSettings(endpoints(), "root", rootPassword, null, null, null, Duration.ofSeconds(5));
        }
        return EtcdSettings.of(endpoints(), Duration.ofSeconds(5));
    }

    /**
     * Turns etcd authentication on with a {@code root} user (what {@code etcdctl user add root; etcdctl
     * auth enable} does); {@link #settings()} then logs in as root.
     */
    public void enableAuth(String password) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            for (String[] call : new String[][] {{"/v3/auth/role/add", "{\"name\":\"root\"}"},
                    {"/v3/auth/user/add", "{\"name\":\"root\",\"password\":\"" + password + "\"}"},
                    {"/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}"},
                    {"/v3/auth/enable", "{}"}}) {
                java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                                endpoint().resolve(call[0])).POST(java.net.http.HttpRequest.BodyPublishers.ofString(call[1])).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(call[0] + ": HTTP " + response.statusCode() + " " + response.body());
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot enable etcd auth: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        rootPassword = password;
    }

    /** Stops one member (SIGTERM); the data dir is kept so {@link #restart} brings it back. */
    public void stop(Member member) {
        member.stopped = true;
        member.process.stop(Duration.ofSeconds(10));
    }

    public void restart(Member member) {
        List<String> command = new ArrayList<>(member.command);
        command.replaceAll(arg -> arg.equals("new") ? "existing" : arg);
        member.process = ManagedProcess.start("etcd " + member.name, command, dir, dir.resolve(member.name + ".log"));
        member.stopped = false;
        awaitHealthy(Duration.ofSeconds(30));
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (Member member : members) {
            if (member.process != null) {
                member.process.kill();
            }
        }
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort: a temp dir left behind (or deleted meanwhile by another JVM's sweep) is not worth failing a test for
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
