package io.pgha.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.EtcdGatewayDcs;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Collectors;

/**
 * A pgha cluster: N PostgreSQL 15 nodes, each under {@code dist/bin/pgha agent -c patroni.yml} as a
 * child process, on an etcd fixture, everything on 127.0.0.1 with free ports in a temp dir. Nodes are
 * {@code node1..nodeN}. The cluster's health is read from etcd (leader key and member keys), so it
 * does not depend on the agents' REST API. Closing kills every agent and PostgreSQL process of the
 * cluster; postmasters are not the agents' descendants (pg_ctl detaches them).
 */
public final class PghaClusterFixture implements AutoCloseable {
    public static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    public static final Path LAUNCHER = PROJECT.resolve("dist/bin/pgha");
    public static final String NAMESPACE = "/service/";
    public static final String SUPERUSER = "postgres";
    public static final String SUPERUSER_PASSWORD = "pgha-test-super";
    public static final String REPLICATION_USER = "replicator";
    public static final String REPLICATION_PASSWORD = "pgha-test-repl";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String scope;
    private final Path dir;
    private final EtcdFixture etcd;
    private final boolean ownsEtcd;
    private final EtcdGatewayDcs dcs;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    private final Thread reaper = new Thread(this::killEverything, "reap-pgha-cluster");

    /** One member: its ports, files and agent process. */
    public static final class Node {
        private final int index;
        private final Path dir;
        private final int restPort;
        private final int pgPort;
        private ManagedProcess agent;
        private int starts;

        private Node(int index, Path dir, int restPort, int pgPort) {
            this.index = index;
            this.dir = dir;
            this.restPort = restPort;
            this.pgPort = pgPort;
        }

        public String name() {
            return "node" + index;
        }

        public int index() {
            return index;
        }

        public int pgPort() {
            return pgPort;
        }

        public int restPort() {
            return restPort;
        }

        public Path configFile() {
            return dir.resolve("patroni.yml");
        }

        public Path dataDir() {
            return dir.resolve("data");
        }

        /** The agent's log of its latest start. */
        public Path log() {
            return dir.resolve("agent-" + starts + ".log");
        }

        public String logTail(int lines) {
            return agent == null ? "(never started)" : agent.logTail(lines);
        }

        public boolean isRunning() {
            return agent != null && agent.isAlive();
        }

        public long agentPid() {
            return agent.pid();
        }

        public OptionalLong postmasterPid() {
            try {
                List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
                long pid = Long.parseLong(lines.get(0).trim());
                return Pids.isRunning(pid) ? OptionalLong.of(pid) : OptionalLong.empty();
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }

        /** A superuser connection (5 s connect timeout); the caller closes it. */
        public Connection connect() throws SQLException {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", SUPERUSER);
            props.setProperty("password", SUPERUSER_PASSWORD);
            props.setProperty("connectTimeout", "5");
            props.setProperty("socketTimeout", "10");
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", props);
        }

        /** Polls {@code sql}'s first value until it equals {@code expected}; the last value seen (empty: none). */
        public Optional<String> awaitValue(String sql, String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            Optional<String> last = Optional.empty();
            while (System.nanoTime() < deadline) {
                try (Connection c = connect(); java.sql.Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery(sql)) {
                    last = rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                    if (last.isPresent() && last.get().equals(expected)) {
                        return last;
                    }
                } catch (SQLException e) {
                    last = Optional.empty();
                }
                Thread.sleep(300);
            }
            return last;
        }

        @Override
        public String toString() {
            return name() + " (pg " + pgPort + ")";
        }
    }

    /** Settings of a cluster to start; defaults: 3 nodes, ttl 30, loop_wait 10, retry_timeout 10. */
    public static final class Builder {
        private final String scope;
        private int size = 3;
        private final Map<String, Object> dcs = new LinkedHashMap<>(Map.of("ttl", 30, "loop_wait", 10, "retry_timeout", 10));
        private final Map<Integer, Map<String, Object>> tags = new HashMap<>();
        private final Map<Integer, String> etcdHosts = new HashMap<>();
        private EtcdFixture etcd;
        private final Map<String, String> environment = new HashMap<>();
        private final Map<Integer, Map<String, Object>> localConfig = new HashMap<>();
        private boolean standby;
        private final Map<String, Object> restapi = new LinkedHashMap<>();
        private final Map<String, Object> etcd3 = new LinkedHashMap<>();
        private final Map<String, Object> authentication = new LinkedHashMap<>();
        private final Map<String, Object> parameters = new LinkedHashMap<>();
        private final java.util.Set<Integer> deferred = new java.util.HashSet<>();
        private boolean awaitFirstLeader = true;

        private Builder(String scope) {
            this.scope = scope;
        }

        public Builder nodes(int count) {
            size = count;
            return this;
        }

        /** ttl, loop_wait and retry_timeout for bootstrap.dcs (pgha raises a ttl below 20 to 20, as Patroni 4 does). */
        public Builder timing(int ttl, int loopWait, int retryTimeout) {
            dcs.put("ttl", ttl);
            dcs.put("loop_wait", loopWait);
            dcs.put("retry_timeout", retryTimeout);
            return this;
        }

        public Builder bootstrapDcs(Map<String, ?> extra) {
            dcs.putAll(extra);
            return this;
        }

        /** A PostgreSQL parameter in bootstrap.dcs postgresql.parameters (e.g. wal_level logical), over the defaults. */
        public Builder parameter(String name, Object value) {
            parameters.put(name, value);
            return this;
        }

        /** Node {@code index} is configured but not started by {@link #start()}; the test starts it later. */
        public Builder deferred(int index) {
            deferred.add(index);
            return this;
        }

        /** start() starts node1 only and returns at once: for a first node that is meant to fail its bootstrap. */
        public Builder noLeaderExpected() {
            awaitFirstLeader = false;
            return this;
        }

        public Builder tags(int index, Map<String, ?> nodeTags) {
            tags.put(index, new LinkedHashMap<>(nodeTags));
            return this;
        }

        /** etcd3.hosts of node {@code index} (e.g. through a {@link TcpProxy}); the others use etcd directly. */
        public Builder etcdHosts(int index, String hosts) {
            etcdHosts.put(index, hosts);
            return this;
        }

        /** Environment variables every agent process gets (e.g. NOTIFY_SOCKET as systemd sets it). */
        public Builder environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /**
         * Extra local configuration of node {@code index}, merged into its patroni.yml (mappings merged
         * key by key, e.g. {@code Map.of("watchdog", Map.of("mode", "required"))} or
         * {@code Map.of("postgresql", Map.of("callbacks", …))}).
         */
        public Builder localConfig(int index, Map<String, ?> extra) {
            localConfig.computeIfAbsent(index, i -> new LinkedHashMap<>());
            merge(localConfig.get(index), extra);
            return this;
        }

        /**
         * Makes this a standby cluster of the primary at {@code host:port} ({@code standby_cluster} in
         * bootstrap.dcs, plus {@code extra} keys such as primary_slot_name); start() then waits for node1
         * to lead as standby leader.
         */
        public Builder standbyCluster(String host, int port, Map<String, ?> extra) {
            Map<String, Object> section = new LinkedHashMap<>(Map.of("host", host, "port", port));
            section.putAll(extra);
            dcs.put("standby_cluster", section);
            standby = true;
            return this;
        }

        /** More restapi settings for every node (authentication, certfile, allowlist...). */
        public Builder restapi(Map<String, ?> extra) {
            restapi.putAll(extra);
            return this;
        }

        /** More etcd3 settings for every node (username, password, TLS files...). */
        public Builder etcd3(Map<String, ?> extra) {
            etcd3.putAll(extra);
            return this;
        }

        /** More postgresql.authentication entries for every node (e.g. rewind). */
        public Builder authentication(Map<String, ?> extra) {
            authentication.putAll(extra);
            return this;
        }

        public Builder etcd(EtcdFixture shared) {
            etcd = shared;
            return this;
        }

        /** Writes every node's configuration, starts node1 until it leads, then the others. */
        public PghaClusterFixture start() {
            PostgresFixture.requireRunnable(List.of("initdb", "pg_ctl", "postgres", "pg_basebackup", "pg_controldata",
                    "pg_isready", "pg_rewind"));
            if (!Files.isExecutable(LAUNCHER) || !Files.isRegularFile(PROJECT.resolve("target/pgha.jar"))) {
                throw new IllegalStateException(LAUNCHER + " or target/pgha.jar is missing: integration tests run after mvn package");
            }
            Path dir = FixtureDirectories.create("pgha-cluster-");
            boolean owns = etcd == null;
            PghaClusterFixture cluster = new PghaClusterFixture(scope, dir, owns ? EtcdFixture.startSingle() : etcd, owns);
            cluster.environment.putAll(environment);
            try {
                for (int i = 1; i <= size; i++) {
                    Node node = new Node(i, dir.resolve("node" + i), FreePorts.next(), FreePorts.next());
                    cluster.nodes.add(node);
                    cluster.writeConfig(node, this);
                }
                cluster.start(1);
                if (!awaitFirstLeader) {
                    return cluster;
                }
                if (standby) {
                    cluster.awaitStandbyLeader("node1", Duration.ofSeconds(90));
                } else {
                    cluster.awaitLeader("node1", Duration.ofSeconds(90));
                }
                for (int i = 2; i <= size; i++) {
                    if (!deferred.contains(i)) {
                        cluster.start(i);
                    }
                }
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
            parameters.putAll(this.parameters);
            Map<String, Object> postgresql = new LinkedHashMap<>();
            postgresql.put("use_pg_rewind", true);
            postgresql.put("use_slots", true);
            postgresql.put("parameters", parameters);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("maximum_lag_on_failover", 1048576);
            all.put("postgresql", postgresql);
            all.putAll(dcs);
            return all;
        }
    }

    public static Builder builder(String scope) {
        return new Builder(scope);
    }

    private PghaClusterFixture(String scope, Path dir, EtcdFixture etcd, boolean ownsEtcd) {
        this.scope = scope;
        this.dir = dir;
        this.etcd = etcd;
        this.ownsEtcd = ownsEtcd;
        this.dcs = new EtcdGatewayDcs(etcd.settings());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    private void writeConfig(Node node, Builder settings) {
        Map<String, Object> authentication = new LinkedHashMap<>();
        authentication.put("superuser", Map.of("username", SUPERUSER, "password", SUPERUSER_PASSWORD));
        authentication.put("replication", Map.of("username", REPLICATION_USER, "password", REPLICATION_PASSWORD));
        authentication.putAll(settings.authentication);
        Map<String, Object> parameters = new LinkedHashMap<>();
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
        postgresql.put("basebackup", List.of(Map.of("checkpoint", "fast")));
        postgresql.put("pg_hba", List.of("local all all trust",
                "host replication " + REPLICATION_USER + " 127.0.0.1/32 md5",
                "host all all 127.0.0.1/32 md5"));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("scope", scope);
        config.put("namespace", NAMESPACE);
        config.put("name", node.name());
        Map<String, Object> restapi = new LinkedHashMap<>(Map.of("listen", "127.0.0.1:" + node.restPort,
                "connect_address", "127.0.0.1:" + node.restPort));
        restapi.putAll(settings.restapi);
        config.put("restapi", restapi);
        Map<String, Object> etcd3 = new LinkedHashMap<>(Map.of("hosts", settings.etcdHosts.getOrDefault(node.index, etcd.hostsCsv())));
        etcd3.putAll(settings.etcd3);
        config.put("etcd3", etcd3);
        config.put("bootstrap", Map.of("dcs", settings.dcs(),
                "initdb", List.of(Map.of("encoding", "UTF8"), Map.of("locale", "C"))));
        config.put("postgresql", postgresql);
        Map<String, Object> nodeTags = settings.tags.get(node.index);
        if (nodeTags != null) {
            config.put("tags", nodeTags);
        }
        merge(config, settings.localConfig.getOrDefault(node.index, Map.of()));
        try {
            Files.createDirectories(node.dir);
            YAML.writeValue(node.configFile().toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + node.configFile(), e);
        }
    }

    /** Puts {@code extra} into {@code target}, merging nested mappings instead of replacing them. */
    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> target, Map<String, ?> extra) {
        extra.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested && target.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(copy, (Map<String, ?>) nested);
                target.put(key, copy);
            } else {
                target.put(key, value);
            }
        });
    }

    public String scope() {
        return scope;
    }

    public Path dir() {
        return dir;
    }

    public EtcdFixture etcd() {
        return etcd;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(int index) {
        return nodes.get(index - 1);
    }

    public Node node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + name));
    }

    /** Starts (or restarts, keeping its data) the agent of node {@code index}. */
    public void start(int index) {
        Node node = node(index);
        if (node.isRunning()) {
            throw new IllegalStateException(node.name() + " is already running");
        }
        node.starts++;
        node.agent = ManagedProcess.start("pgha agent " + node.name(),
                List.of(LAUNCHER.toString(), "agent", "-c", node.configFile().toString()), node.dir, node.log(), environment);
    }

    /** SIGTERM to the agent (graceful shutdown) and wait for it to exit; returns when it has. */
    public void stop(int index) {
        Node node = node(index);
        node.agent.stop(Duration.ofSeconds(90));
    }

    /** SIGTERM to the agent without waiting (to time what happens meanwhile). */
    public void signalTerm(int index) {
        node(index).agent.process().destroy();
    }

    /** SIGKILL to node {@code index}'s agent and to every PostgreSQL process of it, as in a host crash. */
    public void kill9(int index) {
        Node node = node(index);
        if (node.agent != null) {
            node.agent.kill();
        }
        killPostgres(node);
    }

    /** SIGKILL to node {@code index}'s agent only; its PostgreSQL keeps running, as the agent left it. */
    public void kill9Agent(int index) {
        Node node = node(index);
        node.agent.process().destroyForcibly();
        Pids.awaitGone(node.agent.pid(), Duration.ofSeconds(10));
    }

    /** SIGSTOP ({@code stop} true) or SIGCONT to node {@code index}'s agent, as a frozen VM or a long GC pause. */
    public void freezeAgent(int index, boolean stop) {
        long pid = node(index).agentPid();
        CommandResult result = Commands.run(List.of("kill", stop ? "-STOP" : "-CONT", Long.toString(pid)),
                Duration.ofSeconds(10), dir, Map.of());
        if (!result.succeeded()) {
            throw new IllegalStateException("kill " + (stop ? "-STOP " : "-CONT ") + pid + " failed: " + result.describe());
        }
    }

    /**
     * SIGSTOP ({@code stop} true) or SIGCONT to node {@code index}'s postmaster and all its children, as a
     * frozen or unreachable server whose connections stay open; its agent keeps running.
     */
    public void freezePostgres(int index, boolean stop) {
        long pid = node(index).postmasterPid()
                .orElseThrow(() -> new IllegalStateException(node(index).name() + " runs no postmaster to freeze"));
        List<String> command = new ArrayList<>(List.of("kill", stop ? "-STOP" : "-CONT", Long.toString(pid)));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(child -> command.add(Long.toString(child.pid()))));
        CommandResult result = Commands.run(command, Duration.ofSeconds(10), dir, Map.of());
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.describe());
        }
    }

    /** SIGKILL to node {@code index}'s PostgreSQL (postmaster and backends) only; its agent keeps running. */
    public void kill9Postgres(int index) {
        killPostgres(node(index));
    }

    /** The cluster as etcd has it now. */
    public Cluster view() {
        return ClusterParser.parse(new Keyspace(NAMESPACE, scope), dcs.range(new Keyspace(NAMESPACE, scope).prefix()));
    }

    /** The leader key's value, if there is one. */
    public Optional<String> leaderName() {
        Cluster view = view();
        return view.isUnlocked() ? Optional.empty() : Optional.of(view.leader().name());
    }

    /** Waits until {@code name} holds the leader key and publishes itself running as primary. */
    public Node awaitLeader(String name, Duration timeout) {
        return await(timeout, "leader " + name, () -> {
            Cluster view = view();
            return !view.isUnlocked() && view.leader().name().equals(name)
                    && view.member(name).map(m -> m.isPrimaryRole() && m.isRunning()).orElse(false)
                    ? Optional.of(node(name)) : Optional.empty();
        });
    }

    /** Waits until {@code name} holds the leader key and publishes itself running as standby leader. */
    public Node awaitStandbyLeader(String name, Duration timeout) {
        return await(timeout, "standby leader " + name, () -> {
            Cluster view = view();
            return !view.isUnlocked() && view.leader().name().equals(name)
                    && view.member(name).map(m -> m.isStandbyLeaderRole() && m.isRunning()).orElse(false)
                    ? Optional.of(node(name)) : Optional.empty();
        });
    }

    /**
     * Waits until the running agents form a healthy cluster: one leader running as primary, every other
     * running agent's member a running replica streaming on the leader's timeline. Returns the leader.
     */
    public Node awaitHealthy(Duration timeout) {
        return await(timeout, "a healthy cluster", () -> {
            Cluster view = view();
            if (view.isUnlocked()) {
                return Optional.empty();
            }
            Optional<Member> leader = view.member(view.leader().name());
            if (leader.isEmpty() || !leader.get().isPrimaryRole() || !leader.get().isRunning()) {
                return Optional.empty();
            }
            for (Node node : nodes) {
                if (!node.isRunning() || node.name().equals(leader.get().name())) {
                    continue;
                }
                Optional<Member> member = view.member(node.name());
                if (member.isEmpty() || !"replica".equals(member.get().role()) || !member.get().isRunning()
                        || !"streaming".equals(member.get().replicationState())
                        || !java.util.Objects.equals(member.get().timeline(), leader.get().timeline())) {
                    return Optional.empty();
                }
            }
            return Optional.of(node(leader.get().name()));
        });
    }

    private <T> T await(Duration timeout, String what, java.util.function.Supplier<Optional<T>> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            try {
                Optional<T> found = check.get();
                if (found.isPresent()) {
                    return found.get();
                }
                last = describe(view());
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " in " + scope + " after " + timeout + ": " + last
                        + "\n" + logTails(25));
            }
            sleep(200);
        }
    }

    private static String describe(Cluster view) {
        return "leader=" + (view.isUnlocked() ? "none" : view.leader().name()) + " " + view.members().stream()
                .map(m -> m.name() + ":" + m.role() + "/" + m.state() + "/" + m.replicationState() + "/tl" + m.timeline())
                .collect(Collectors.joining(", "));
    }

    public String logTails(int lines) {
        return nodes.stream().map(n -> "--- " + n.name() + " (" + n.log() + ") ---\n" + n.logTail(lines))
                .collect(Collectors.joining("\n"));
    }

    /** Runs /usr/bin/patronictl against this cluster's etcd with {@code args}. */
    public CommandResult patronictl(String... args) {
        return ctl(PatroniClusterFixture.PATRONICTL.toString(), args);
    }

    /** Runs dist/bin/pgha (the CLI) against this cluster's etcd with {@code args}. */
    public CommandResult pgha(String... args) {
        return ctl(LAUNCHER.toString(), args);
    }

    private CommandResult ctl(String program, String... args) {
        Path config = dir.resolve("patronictl.yml");
        try {
            if (!Files.exists(config)) {
                YAML.writeValue(config.toFile(), Map.of("scope", scope, "namespace", NAMESPACE,
                        "etcd3", Map.of("hosts", etcd.hostsCsv())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(program, "-c", config.toString()));
        command.addAll(List.of(args));
        Map<String, String> env = new HashMap<>();
        System.getenv().keySet().stream().filter(n -> n.startsWith("PATRONI_") || n.equals("DCS_URL"))
                .forEach(n -> env.put(n, null));
        return Commands.run(command, Duration.ofSeconds(60), dir, env);
    }

    /** Every live process of {@code node} apart from its agent: the postmaster and its children, pg tools. */
    private static List<ProcessHandle> processesOf(Node node) {
        String marker = node.dir + "/";
        List<ProcessHandle> found = new ArrayList<>(ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid() && Pids.isRunning(p.pid()))
                .filter(p -> node.agent == null || p.pid() != node.agent.pid())
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && !c.contains("pgha.jar")).orElse(false))
                .toList());
        node.postmasterPid().ifPresent(pid -> ProcessHandle.of(pid)
                .filter(p -> found.stream().noneMatch(f -> f.pid() == pid)).ifPresent(found::add));
        return found;
    }

    private static void killPostgres(Node node) {
        for (int pass = 0; pass < 2; pass++) {
            for (ProcessHandle process : processesOf(node)) {
                List<ProcessHandle> children = process.descendants().toList();
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                Pids.awaitGone(process.pid(), Duration.ofSeconds(10));
                children.forEach(c -> Pids.awaitGone(c.pid(), Duration.ofSeconds(10)));
            }
            sleep(200);
        }
    }

    private void killEverything() {
        for (Node node : nodes) {
            if (node.agent != null) {
                node.agent.kill();
            }
        }
        for (Node node : nodes) {
            killPostgres(node);
        }
    }

    @Override
    public void close() {
        try {
            killEverything();
            for (Node node : nodes) {
                if (node.agent != null) {
                    node.agent.close();
                }
            }
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running
            }
        } finally {
            dcs.close();
            if (ownsEtcd) {
                etcd.close();
            }
            if (!Boolean.getBoolean("pgha.keepClusterDir")) {
                EtcdFixture.deleteTree(dir);
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
