package io.pgha.agent;

import io.pgha.api.NodeClient;
import io.pgha.api.NodeState;
import io.pgha.api.RestServer;
import io.pgha.api.RestSettings;
import io.pgha.config.ConfigException;
import io.pgha.config.PatroniConfig;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.DcsException;
import io.pgha.dcs.EtcdGrpcDcs;
import io.pgha.dcs.Member;
import io.pgha.ha.Action;
import io.pgha.ha.Role;
import io.pgha.postgres.ControlData;
import io.pgha.postgres.LocalPostgresStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One pgha agent: runs the local PostgreSQL under Patroni-compatible high availability, sharing
 * Patroni's etcd keyspace. Embeddable:
 * <pre>{@code
 * Agent agent = Agent.builder(ConfigSources.local(Path.of("patroni.yml"), System.getenv())).build();
 * agent.addRoleChangeListener((from, to) -> System.out.println(from + " -> " + to));
 * agent.start();                 // returns at once; the HA loop runs on its own thread
 * NodeState state = agent.state();
 * agent.stop();                  // stop PostgreSQL (fast), release the leader key, publish "stopped"
 * }</pre>
 */
public final class Agent implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Agent.class.getName());
    private static final Duration ETCD_RETRY = Duration.ofSeconds(5);
    private static final Duration UNIQUE_NAME_PROBE = Duration.ofSeconds(3);

    private final AgentConfig config;
    private final AgentMemory memory = new AgentMemory();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final java.util.List<CycleListener> cycleListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private volatile int exitStatus;
    private volatile StatePublisher publisher;
    private volatile HaLoop loop;
    private volatile java.time.Instant started;
    private Thread thread;

    private final Supplier<PatroniConfig> configSource;
    private volatile Maintenance maintenance;

    private final io.pgha.api.RestSecurity restSecurity;

    private Agent(AgentConfig config, Supplier<PatroniConfig> configSource) {
        this.config = config;
        this.configSource = configSource;
        this.restSecurity = restSecurity(config);
    }

    public static Builder builder(PatroniConfig config) {
        return new Builder(AgentConfig.from(config));
    }

    public static Builder builder(AgentConfig config) {
        return new Builder(config);
    }

    /** Builds an {@link Agent}; the configuration was checked when the builder was made. */
    public static final class Builder {
        private final AgentConfig config;
        private Supplier<PatroniConfig> configSource;

        private Builder(AgentConfig config) {
            this.config = config;
        }

        /**
         * Where a reload (SIGHUP, {@code POST /reload}) reads the local configuration again, e.g.
         * {@code () -> ConfigSources.local(path, System.getenv())}; without it a reload only re-applies
         * the configuration in force.
         */
        public Builder reloadFrom(Supplier<PatroniConfig> source) {
            this.configSource = source;
            return this;
        }

        public Agent build() {
            return new Agent(config, configSource);
        }
    }

    public AgentConfig config() {
        return config;
    }

    public void addRoleChangeListener(RoleChangeListener listener) {
        memory.addListener(listener);
    }

    /** Told after every HA cycle on the loop's thread (e.g. systemd's READY=1 and watchdog pings). */
    public void addCycleListener(CycleListener listener) {
        cycleListeners.add(listener);
    }

    /** Starts the agent's thread: connect to etcd, look at PostgreSQL, then cycle every loop_wait. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("agent " + config.name() + " was already started");
        }
        started = java.time.Instant.now();
        thread = new Thread(this::runAgent, "pgha-agent-" + config.name());
        thread.start();
    }

    /**
     * Graceful shutdown (ha-loop.md §22): cancel the background task, stop PostgreSQL in fast mode,
     * release the leader key, publish the stopped state. Returns when done.
     */
    public void stop() {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = thread;
        }
        HaLoop current = loop;
        if (current != null) {
            current.wake();
        }
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * A reload as on SIGHUP: the next HA cycle reads the local configuration again (see
     * {@link Builder#reloadFrom}) and rewrites and reloads PostgreSQL's configuration.
     */
    public void reload() {
        Maintenance current = maintenance;
        if (current != null) {
            current.reload();
        }
    }

    /** Waits until the agent has stopped (after {@link #stop} or a fatal condition); false on timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** 0 after a requested stop, 1 after a fatal condition (Patroni's exit status). */
    public int exitStatus() {
        return exitStatus;
    }

    /** The state as of the last HA cycle, as the REST API serves it. */
    public NodeState state() {
        StatePublisher current = publisher;
        if (current == null) {
            return new NodeState(config.name(), config.keyspace().scope(), MemberDocument.PATRONI_VERSION,
                    memory.role().patroniName(), null, null, null, false, MemberDocument.publishedTags(config.tags()),
                    started, 0, 0, false, null, false, null);
        }
        return current.get();
    }

    private void runAgent() {
        DynamicConfigCache dynamicCache = new DynamicConfigCache(config.postgresql().dataDir());
        RuntimeSettings settings = new RuntimeSettings(config, dynamicCache.load()
                .map(data -> new io.pgha.dcs.DynamicConfig(data, 0, false)).orElse(config.bootstrapDynamic()));
        EtcdGrpcDcs etcd = new EtcdGrpcDcs(config.etcd3().toSettings(settings.timings().retryTimeoutDuration()));
        DcsSession dcs = new DcsSession(etcd, config.keyspace(), config.name(), settings.timings().ttl(),
                settings.timings().retryTimeoutDuration());
        HaLoop[] loopRef = new HaLoop[1];
        Runnable wake = () -> {
            if (loopRef[0] != null) {
                loopRef[0].wake();
            }
        };
        ClusterCache cache = new ClusterCache(etcd, config.keyspace(), config.name(), wake);
        TaskSlot tasks = new TaskSlot(wake);
        AgentParts parts = new AgentParts(config, settings, dcs, cache, memory, tasks,
                new LocalPostgres(settings::postgres), new PeerStatuses(new NodeClient(config.restClient())), wake);
        publisher = new StatePublisher(parts);
        maintenance = new Maintenance(parts, configSource);
        loopRef[0] = new HaLoop(parts, publisher, maintenance, dynamicCache);
        loop = loopRef[0];
        RestServer rest = new RestServer(publisher, RestSettings.of(config.restapi().listenHost(),
                config.restapi().listenPort()), new RestOperations(etcd, config.keyspace(), cache, parts.peers,
                () -> settings.timings().retryTimeoutDuration(), wake), maintenance,
                config.restapi().credentials() == null ? null
                        : new io.pgha.api.BasicAuth(config.restapi().credentials().username(),
                                config.restapi().credentials().password()),
                restSecurity);
        rest.failsafe(parts.failsafe);
        try {
            if (startUp(parts)) {
                startRest(rest);
                parts.peers.warmUp(config.restapi().apiUrl());
                parts.dcs.warmUp();
                LOG.log(System.Logger.Level.INFO, "REST API listening on " + rest.address());
                Action.Fatal fatal = loop.run(() -> stopping, this::cycleEnded);
                rest.stop();
                if (fatal != null) {
                    LOG.log(System.Logger.Level.ERROR, fatal.message());
                    exitStatus = 1;
                }
                tasks.cancel(Duration.ofSeconds(30));
                if (fatal == null || !fatal.leavePostgresRunning()) {
                    loop.shutdownCycle();
                }
            }
        } catch (FatalCondition e) {
            LOG.log(System.Logger.Level.ERROR, e.getMessage());
            exitStatus = 1;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the agent failed", e);
            exitStatus = 1;
        } finally {
            rest.stop();
            cache.close();
            tasks.close();
            parts.callbacks.close();
            releaseWatchdog(parts);
            parts.local.close();
            parts.peers.close();
            etcd.close();
            memory.close();
            LOG.log(System.Logger.Level.INFO, "agent " + config.name() + " stopped");
            terminated.countDown();
        }
    }

    /** A clean exit disarms the watchdog unless PostgreSQL could not be stopped (then it must still fire). */
    private static void releaseWatchdog(AgentParts parts) {
        if (!parts.watchdog.isActive()) {
            return;
        }
        if (parts.postgres().isRunning() && parts.memory.holdsLeaderKey()) {
            LOG.log(System.Logger.Level.ERROR, "PostgreSQL is still running as the leader; leaving the watchdog armed");
            return;
        }
        parts.watchdog.disable();
    }

    private void cycleEnded(String message) {
        for (CycleListener listener : cycleListeners) {
            try {
                listener.cycleEnded(message);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a cycle listener failed: " + e);
            }
        }
    }

    /** HTTPS and the allow list; a certificate or key that cannot be used is a configuration error. */
    static io.pgha.api.RestSecurity restSecurity(AgentConfig config) {
        try {
            return io.pgha.api.RestSecurity.of(io.pgha.config.RestApiSecurity.from(config.source()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config error: " + e.getMessage(), e);
        }
    }

    private static void startRest(RestServer rest) {
        try {
            rest.start();
        } catch (java.io.UncheckedIOException e) {
            throw new FatalCondition(e.getMessage());
        }
    }

    /** ha-loop.md §3; false when stopped before it finished. */
    private boolean startUp(AgentParts parts) {
        var watchdog = parts.watchdog.settings();
        if (watchdog.mode() == io.pgha.agent.watchdog.WatchdogSettings.Mode.REQUIRED && !parts.watchdog.supported()) {
            throw new FatalCondition("watchdog.mode is required but this platform has no watchdog pgha can drive"
                    + " (Linux only); set watchdog.mode to automatic or off");
        }
        while (!stopping) {
            try {
                parts.dcs.ensureLease();
                break;
            } catch (DcsException e) {
                LOG.log(System.Logger.Level.WARNING, "waiting on etcd: " + e.getMessage());
                pause(ETCD_RETRY);
            }
        }
        parts.cache.start();
        Cluster view = null;
        while (!stopping && view == null) {
            try {
                view = parts.cache.view(parts.dcs.retryTimeout());
            } catch (DcsException e) {
                LOG.log(System.Logger.Level.WARNING, "Can not get cluster from dcs: " + e.getMessage());
                pause(ETCD_RETRY);
            }
        }
        if (stopping) {
            return false;
        }
        requireUniqueName(view, parts);
        parts.settings.apply(view);
        joinRunningPostgres(parts);
        LOG.log(System.Logger.Level.INFO, "agent " + config.name() + " of cluster " + config.keyspace().scope()
                + " started (pgha " + io.pgha.Version.PGHA + ")");
        return true;
    }

    /** Patroni's unique name check: a live member with my name answering /liveness is fatal. */
    private void requireUniqueName(Cluster view, AgentParts parts) {
        Optional<Member> namesake = view.member(config.name());
        Optional<java.net.URI> liveness = namesake.flatMap(m -> m.apiEndpoint("/liveness"));
        if (liveness.isEmpty()) {
            return;
        }
        try (NodeClient client = new NodeClient(config.restClient().withTimeout(UNIQUE_NAME_PROBE))) {
            if (client.get(liveness.get()).isSuccess()) {
                throw new FatalCondition("Can't start; there is already a node named '" + config.name() + "' running");
            }
        } catch (io.pgha.api.NodeException e) {
            // nobody answers under my name: a previous run of mine
        }
    }

    /** A running server is joined as it is; a stopped primary's data directory makes the role demoted. */
    private void joinRunningPostgres(AgentParts parts) {
        var postgres = parts.postgres();
        LocalPostgresStatus status = postgres.status();
        if (status.inRecovery() != null) {
            memory.role(status.inRecovery() ? Role.REPLICA : Role.PRIMARY);
            LOG.log(System.Logger.Level.INFO, "joining the running PostgreSQL as " + memory.role().patroniName());
            return;
        }
        if (postgres.dataDirectoryState().state() != io.pgha.postgres.DataDirectoryState.INITIALIZED) {
            return;
        }
        boolean standby = java.nio.file.Files.exists(postgres.settings().dataDir().resolve("standby.signal"));
        try {
            ControlData.ClusterState state = postgres.controlData().clusterState();
            boolean wasReplica = standby || state == ControlData.ClusterState.SHUT_DOWN_IN_RECOVERY
                    || state == ControlData.ClusterState.IN_ARCHIVE_RECOVERY;
            memory.role(wasReplica ? Role.REPLICA : Role.DEMOTED);
        } catch (io.pgha.postgres.PostgresException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read pg_controldata: " + e.getMessage());
        }
    }

    private void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A condition Patroni exits on (ha-loop.md §23). */
    private static final class FatalCondition extends RuntimeException {
        FatalCondition(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "Agent[" + config.name() + "@" + config.keyspace().base() + "]";
    }
}
