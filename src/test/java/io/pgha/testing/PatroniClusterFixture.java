package io.pgha.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A real Patroni 3.0.2 cluster (Debian's /usr/bin/patroni) of N PostgreSQL 15 nodes on an etcd
 * fixture, everything on 127.0.0.1 with free ports and data in a temp dir. Nodes are numbered from
 * 1 and named {@code node1..nodeN}; each has its own patroni.yml ({@link #configFile}).
 *
 * <p>{@link Builder#start()} brings up the first node that may bootstrap (node1 unless tagged
 * nofailover) until it leads, then the others, so node1 is the leader of a fresh cluster.
 * {@link #awaitHealthy} waits for the replicas. Closing kills every Patroni and PostgreSQL process
 * of the cluster, including postmasters, which Patroni starts in their own session (so they are
 * not its descendants); a JVM shutdown hook does the same if a test never closes it.
 */
public final class PatroniClusterFixture implements AutoCloseable {
    public static final Path PATRONI = Path.of("/usr/bin/patroni");
    public static final Path PATRONICTL = Path.of("/usr/bin/patronictl");
    public static final String NAMESPACE = "/service/";
    public static final String SUPERUSER = "postgres";
    public static final String SUPERUSER_PASSWORD = "pgha-test-super";
    public static final String REPLICATION_USER = "replicator";
    public static final String REPLICATION_PASSWORD = "pgha-test-repl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration FIRST_LEADER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration PATRONICTL_TIMEOUT = Duration.ofSeconds(60);

    private final String scope;
    private final Path dir;
    private final EtcdFixture etcd;
    private final boolean ownsEtcd;
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread reaper = new Thread(this::killEverything, "reap-patroni-cluster");

    /** One Patroni member: its ports, files and processes. */
    public static final class Node {
        private final int index;
        private final Path dir;
        private final int restPort;
        private final int pgPort;
        private ManagedProcess patroni;
        private boolean shouldRun;

        private Node(int index, Path dir, int restPort, int pgPort) {
            this.index = index;
            this.dir = dir;
            this.restPort = restPort;
            this.pgPort = pgPort;
        }

        public int index() {
            return index;
        }

        public String name() {
            return "node" + index;
        }

        /** The REST API base, e.g. {@code http://127.0.0.1:41234}. */
        public URI restUrl() {
            return URI.create("http://127.0.0.1:" + restPort);
        }

        public int restPort() {
            return restPort;
        }

        public int pgPort() {
            return pgPort;
        }

        public Path configFile() {
            return dir.resolve("patroni.yml");
        }

        public Path dataDir() {
            return dir.resolve("data");
        }

        /** Patroni's own log (stdout and stderr). */
        public Path log() {
            return dir.resolve("patroni.log");
        }

        public String logTail(int lines) {
            return patroni == null ? "(never started)" : patroni.logTail(lines);
        }

        /** True while this node's Patroni process is alive. */
        public boolean isRunning() {
            return patroni != null && patroni.isAlive();
        }

        public long patroniPid() {
            if (patroni == null) {
                throw new IllegalStateException(name() + " was never started");
            }
            return patroni.pid();
        }

        /** The pid in {@code postmaster.pid}, when that process is alive. */
        public OptionalLong postmasterPid() {
            try {
                List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
                long pid = Long.parseLong(lines.get(0).trim());
                return Pids.isRunning(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + database;
        }

        /** A superuser connection to database {@code postgres}; the caller closes it. */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, SUPERUSER_PASSWORD);
        }

        @Override
        public String toString() {
            return name() + " (rest " + restPort + ", pg " + pgPort + ")";
        }
    }

    /** Settings of a cluster to start; defaults: 3 nodes, ttl 30, loop_wait 10, retry_timeout 10. */
    public static final class Builder {
        private final String scope;
        private int size = 3;
        private int ttl = 30;
        private int loopWait = 10;
        private int retryTimeout = 10;
        private final Map<String, Object> bootstrapDcs = new LinkedHashMap<>();
        private final Map<Integer, Map<String, Object>> tags = new HashMap<>();
        private EtcdFixture etcd;

        private Builder(String scope) {
            this.scope = scope;
        }

        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a cluster needs at least one node, got " + count);
            }
            this.size = count;
            return this;
        }

        /**
         * Timings written to bootstrap.dcs. Patroni 3.0.2 enforces no minimum (4.x wants ttl >= 20,
         * retry_timeout >= 3); 10/2/3 works and makes failover tests quick.
         */
        public Builder timing(int ttl, int loopWait, int retryTimeout) {
            this.ttl = ttl;
            this.loopWait = loopWait;
            this.retryTimeout = retryTimeout;
            return this;
        }

        /** Extra top-level keys for bootstrap.dcs, e.g. {@code synchronous_mode: true}; they win. */
        public Builder bootstrapDcs(Map<String, ?> extra) {
            bootstrapDcs.putAll(extra);
            return this;
        }

        /** Tags of node {@code index} (1-based), e.g. {@code nofailover: true}. */
        public Builder tags(int index, Map<String, ?> nodeTags) {
            tags.put(index, new LinkedHashMap<>(nodeTags));
            return this;
        }

        /** Use this etcd (the caller closes it) instead of a single-member one owned by the cluster. */
        public Builder etcd(EtcdFixture shared) {
            this.etcd = shared;
            return this;
        }

        /** Writes the configuration files and starts every node (see the class comment). */
        public PatroniClusterFixture start() {
            PostgresFixture.requireRunnable(List.of("initdb", "pg_ctl", "postgres", "pg_basebackup",
                    "pg_controldata", "pg_isready", "pg_rewind"));
            for (Path tool : List.of(PATRONI, PATRONICTL)) {
                if (!Files.isExecutable(tool)) {
                    throw new IllegalStateException(tool + " is missing: install Debian's patroni (dist/dev/test does)");
                }
            }
            for (int index : tags.keySet()) {
                if (index < 1 || index > size) {
                    throw new IllegalArgumentException("tags for node" + index + " but the cluster has " + size + " nodes");
                }
            }
            Path dir = FixtureDirectories.create("pgha-patroni-");
            boolean owns = etcd == null;
            PatroniClusterFixture cluster;
            try {
                cluster = new PatroniClusterFixture(scope, dir, owns ? EtcdFixture.startSingle() : etcd, owns);
            } catch (RuntimeException e) {
                EtcdFixture.deleteTree(dir);
                throw e;
            }
            try {
                for (int i = 1; i <= size; i++) {
                    Node node = new Node(i, dir.resolve("node" + i), FreePorts.next(), FreePorts.next());
                    cluster.nodes.add(node);
                    cluster.writeConfig(node, this);
                }
                cluster.startAll(tags);
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }

        private Map<String, Object> dcs() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("wal_level", "replica");
            parameters.put("hot_standby", "on");
            parameters.put("wal_log_hints", "on");
            parameters.put("max_wal_senders", 10);
            parameters.put("max_replication_slots", 10);
            parameters.put("max_connections", 50);
            parameters.put("shared_buffers", "32MB");
            Map<String, Object> postgresql = new LinkedHashMap<>();
            postgresql.put("use_pg_rewind", true);
            postgresql.put("use_slots", true);
            postgresql.put("parameters", parameters);
            Map<String, Object> dcs = new LinkedHashMap<>();
            dcs.put("ttl", ttl);
            dcs.put("loop_wait", loopWait);
            dcs.put("retry_timeout", retryTimeout);
            dcs.put("maximum_lag_on_failover", 1048576);
            dcs.put("postgresql", postgresql);
            dcs.putAll(bootstrapDcs);
            return dcs;
        }
    }

    public static Builder builder(String scope) {
        return new Builder(scope);
    }

    private PatroniClusterFixture(String scope, Path dir, EtcdFixture etcd, boolean ownsEtcd) {
        this.scope = scope;
        this.dir = dir;
        this.etcd = etcd;
        this.ownsEtcd = ownsEtcd;
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    private void writeConfig(Node node, Builder settings) {
        Map<String, Object> restapi = new LinkedHashMap<>();
        restapi.put("listen", "127.0.0.1:" + node.restPort);
        restapi.put("connect_address", "127.0.0.1:" + node.restPort);

        Map<String, Object> bootstrap = new LinkedHashMap<>();
        bootstrap.put("dcs", settings.dcs());
        bootstrap.put("initdb", List.of(Map.of("encoding", "UTF8"), Map.of("locale", "C")));

        Map<String, Object> authentication = new LinkedHashMap<>();
        authentication.put("superuser", Map.of("username", SUPERUSER, "password", SUPERUSER_PASSWORD));
        authentication.put("replication", Map.of("username", REPLICATION_USER, "password", REPLICATION_PASSWORD));

        Map<String, Object> parameters = new LinkedHashMap<>();
        // Debian's default socket dir /var/run/postgresql is not writable by the test user.
        parameters.put("unix_socket_directories", node.dir.toString());
        parameters.put("fsync", "off");

        Map<String, Object> postgresql = new LinkedHashMap<>();
        postgresql.put("listen", "127.0.0.1:" + node.pgPort);
        postgresql.put("connect_address", "127.0.0.1:" + node.pgPort);
        postgresql.put("data_dir", node.dataDir().toString());
        postgresql.put("bin_dir", PostgresFixture.BIN_DIR.toString());
        postgresql.put("pgpass", node.dir.resolve("pgpass").toString());
        postgresql.put("authentication", authentication);
        postgresql.put("parameters", parameters);
        postgresql.put("pg_hba", List.of(
                "local all all trust",
                "host replication " + REPLICATION_USER + " 127.0.0.1/32 md5",
                "host all all 127.0.0.1/32 md5"));

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scope", scope);
        config.put("namespace", NAMESPACE);
        config.put("name", node.name());
        config.put("log", Map.of("level", "INFO"));
        config.put("restapi", restapi);
        config.put("etcd3", Map.of("hosts", etcd.members().stream().map(m -> "127.0.0.1:" + m.clientPort()).toList()));
        config.put("bootstrap", bootstrap);
        config.put("postgresql", postgresql);
        Map<String, Object> nodeTags = settings.tags.get(node.index);
        if (nodeTags != null && !nodeTags.isEmpty()) {
            config.put("tags", nodeTags);
        }
        try {
            Files.createDirectories(node.dir);
            YAML.writeValue(node.configFile().toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + node.configFile(), e);
        }
    }

    private void startAll(Map<Integer, Map<String, Object>> tags) {
        Optional<Node> first = nodes.stream()
                .filter(n -> !truthy(tags.getOrDefault(n.index, Map.of()).get("nofailover")))
                .findFirst();
        if (first.isPresent()) {
            // A deterministic first leader keeps tests readable; the others wait for it anyway.
            start(first.get().index);
            awaitRole(first.get(), FIRST_LEADER_TIMEOUT);
        }
        for (Node node : nodes) {
            if (node.patroni == null) {
                start(node.index);
            }
        }
    }

    private static boolean truthy(Object value) {
        return value != null && Set.of("true", "on", "yes", "1").contains(value.toString().toLowerCase());
    }

    public String scope() {
        return scope;
    }

    public EtcdFixture etcd() {
        return etcd;
    }

    /** The temp dir holding every node's directory. */
    public Path dir() {
        return dir;
    }

    public int size() {
        return nodes.size();
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** Node {@code index}, 1-based ({@code node(1)} is node1). */
    public Node node(int index) {
        if (index < 1 || index > nodes.size()) {
            throw new IllegalArgumentException("no node" + index + " in a cluster of " + nodes.size());
        }
        return nodes.get(index - 1);
    }

    public Path configFile(int index) {
        return node(index).configFile();
    }

    /** Starts (or restarts, keeping its data dir) the Patroni of node {@code index}. */
    public void start(int index) {
        Node node = node(index);
        if (node.isRunning()) {
            throw new IllegalStateException(node.name() + " is already running");
        }
        if (node.patroni != null) {
            node.patroni.close();
        }
        node.patroni = ManagedProcess.start("patroni " + node.name(),
                List.of(PATRONI.toString(), node.configFile().toString()), node.dir, node.log());
        node.shouldRun = true;
    }

    /**
     * Stops node {@code index} the way an operator would: SIGTERM to Patroni, which shuts
     * PostgreSQL down and, on the leader, releases the leader key. Kills whatever is left after 60 s.
     */
    public void stop(int index) {
        Node node = node(index);
        node.shouldRun = false;
        if (node.patroni != null) {
            node.patroni.stop(Duration.ofSeconds(60));
            node.patroni.close();
        }
        killPostgres(node);
    }

    /** SIGTERM to node {@code index}'s Patroni without waiting (to time what happens meanwhile); {@link #stop} finishes it. */
    public void signalTerm(int index) {
        Node node = node(index);
        node.shouldRun = false;
        if (node.patroni != null) {
            node.patroni.process().destroy();
        }
    }

    /** SIGKILL to node {@code index}'s Patroni and its PostgreSQL (postmaster and backends), as in a crash. */
    public void kill9(int index) {
        Node node = node(index);
        node.shouldRun = false;
        if (node.patroni != null) {
            node.patroni.kill();
        }
        for (ProcessHandle process : processesOf(node)) {
            killTree(process);
        }
    }

    /** Kills node {@code index}'s Patroni alone with SIGKILL; its PostgreSQL keeps running. */
    public void kill9PatroniOnly(int index) {
        Node node = node(index);
        node.shouldRun = false;
        if (node.patroni != null) {
            node.patroni.kill();
        }
    }

    /** Runs /usr/bin/patronictl -c node1's patroni.yml with {@code args}. */
    public CommandResult patronictl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(PATRONICTL.toString());
        command.add("-c");
        command.add(configFile(1).toString());
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        // Keep the caller's Patroni settings out: patronictl would merge them over the file.
        System.getenv().keySet().stream()
                .filter(name -> name.startsWith("PATRONI_") || name.equals("DCS_URL"))
                .forEach(name -> env.put(name, null));
        return Commands.run(command, PATRONICTL_TIMEOUT, dir, env);
    }

    /**
     * Waits until the running nodes form a healthy cluster: exactly one leader (role master or
     * primary, state running) and every other running node a replica in state running that the
     * leader reports as streaming. Returns the leader.
     */
    public Node awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (true) {
            requireAlive();
            Health health = health();
            if (health.leader != null) {
                return health.leader;
            }
            last = health.summary;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster " + scope + " not healthy after " + timeout + ": " + last
                        + "\n" + logTails(15));
            }
            sleep(500);
        }
    }

    /** The running node whose REST API says it is the leader, if exactly one does. */
    public Optional<Node> leader() {
        List<Node> leaders = new ArrayList<>();
        for (Node node : running()) {
            JsonNode status = status(node);
            if (status != null && isLeaderRole(status.path("role").asText())) {
                leaders.add(node);
            }
        }
        return leaders.size() == 1 ? Optional.of(leaders.get(0)) : Optional.empty();
    }

    /** GET {@code path} on node {@code index}'s REST API: status code and body. */
    public HttpResponse<String> rest(int index, String path) {
        try {
            return http.send(HttpRequest.newBuilder(node(index).restUrl().resolve(path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on " + node(index) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Health(Node leader, String summary) {
    }

    private Health health() {
        List<Node> running = running();
        Map<Node, JsonNode> statuses = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (Node node : running) {
            JsonNode status = status(node);
            statuses.put(node, status);
            parts.add(node.name() + " " + (status == null ? "REST not answering"
                    : status.path("role").asText("?") + "/" + status.path("state").asText("?")));
        }
        String summary = String.join(", ", parts);
        List<Node> leaders = statuses.entrySet().stream()
                .filter(e -> e.getValue() != null && isLeaderRole(e.getValue().path("role").asText()))
                .map(Map.Entry::getKey).toList();
        if (leaders.size() != 1 || statuses.containsValue(null)) {
            return new Health(null, summary);
        }
        Node leader = leaders.get(0);
        Set<String> streaming = new TreeSet<>();
        for (JsonNode replication : statuses.get(leader).path("replication")) {
            if ("streaming".equals(replication.path("state").asText())) {
                streaming.add(replication.path("application_name").asText());
            }
        }
        for (Map.Entry<Node, JsonNode> entry : statuses.entrySet()) {
            JsonNode status = entry.getValue();
            Node node = entry.getKey();
            if (!"running".equals(status.path("state").asText())) {
                return new Health(null, summary);
            }
            if (node != leader && (!"replica".equals(status.path("role").asText()) || !streaming.contains(node.name()))) {
                return new Health(null, summary + "; leader " + leader.name() + " streams to " + streaming);
            }
        }
        return new Health(leader, summary);
    }

    private static boolean isLeaderRole(String role) {
        // Patroni 3.0.2 says master; 4.x says primary.
        return role.equals("master") || role.equals("primary");
    }

    private JsonNode status(Node node) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.restUrl().resolve("/patroni"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitRole(Node node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            requireAlive();
            JsonNode status = status(node);
            if (status != null && isLeaderRole(status.path("role").asText())
                    && "running".equals(status.path("state").asText())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(node.name() + " did not bootstrap the cluster within " + timeout
                        + ":\n" + node.logTail(30));
            }
            sleep(200);
        }
    }

    private List<Node> running() {
        return nodes.stream().filter(n -> n.shouldRun).toList();
    }

    private void requireAlive() {
        for (Node node : running()) {
            if (!node.isRunning()) {
                throw new IllegalStateException("patroni " + node.name() + " exited unexpectedly:\n" + node.logTail(30));
            }
        }
    }

    public String logTails(int lines) {
        return nodes.stream()
                .map(n -> "--- " + n.name() + " (" + n.log() + ") ---\n" + n.logTail(lines))
                .collect(Collectors.joining("\n"));
    }

    /**
     * Every live process started for this node apart from Patroni itself: the postmaster (found by
     * its command line, which holds the data dir, or by postmaster.pid), pg_basebackup, pg_rewind…
     */
    private static List<ProcessHandle> processesOf(Node node) {
        String marker = node.dir + "/";
        List<ProcessHandle> found = new ArrayList<>(ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid() && Pids.isRunning(p.pid()))
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList());
        node.postmasterPid().ifPresent(pid -> ProcessHandle.of(pid)
                .filter(p -> found.stream().noneMatch(f -> f.pid() == pid))
                .ifPresent(found::add));
        return found;
    }

    private static void killTree(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        awaitExit(process);
        descendants.forEach(PatroniClusterFixture::awaitExit);
    }

    private static void awaitExit(ProcessHandle process) {
        Pids.awaitGone(process.pid(), Duration.ofSeconds(10));
    }

    /** Stops a node's PostgreSQL at once (pg_ctl stop -m immediate), then kills whatever is left. */
    private static void killPostgres(Node node) {
        if (node.postmasterPid().isPresent()) {
            try {
                Commands.run(List.of(PostgresFixture.BIN_DIR.resolve("pg_ctl").toString(), "stop",
                        "-D", node.dataDir().toString(), "-m", "immediate", "-w", "-t", "10"), Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                // the kill below does the job
            }
        }
        // Twice: a postmaster whose start was under way when Patroni died shows up a moment later.
        for (int pass = 0; pass < 2; pass++) {
            for (ProcessHandle process : processesOf(node)) {
                killTree(process);
            }
            if (pass == 0) {
                sleep(200);
            }
        }
    }

    private void killEverything() {
        for (Node node : nodes) {
            if (node.patroni != null) {
                node.patroni.kill();
            }
        }
        for (Node node : nodes) {
            node.shouldRun = false;
            killPostgres(node);
        }
    }

    @Override
    public void close() {
        try {
            killEverything();
            for (Node node : nodes) {
                if (node.patroni != null) {
                    node.patroni.close();
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        } finally {
            EtcdFixture.deleteTree(dir);
            if (ownsEtcd) {
                etcd.close();
            }
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
