package io.pgha.agent;

import io.pgha.dcs.Cluster;
import io.pgha.ha.Upstream;
import io.pgha.postgres.Postgres;
import java.util.Optional;

/**
 * The pieces one agent is wired from, shared by the loop, the probe answers and the executors. Nothing
 * here decides anything.
 */
final class AgentParts {
    final AgentConfig config;
    final RuntimeSettings settings;
    final DcsSession dcs;
    final ClusterCache cache;
    final AgentMemory memory;
    final TaskSlot tasks;
    final LocalPostgres local;
    final PeerStatuses peers;
    final Runnable wake;
    final io.pgha.agent.watchdog.Watchdog watchdog;
    final Callbacks callbacks;
    final FailsafeState failsafe = new FailsafeState();

    AgentParts(AgentConfig config, RuntimeSettings settings, DcsSession dcs, ClusterCache cache, AgentMemory memory,
               TaskSlot tasks, LocalPostgres local, PeerStatuses peers, Runnable wake) {
        this.config = config;
        this.settings = settings;
        this.dcs = dcs;
        this.cache = cache;
        this.memory = memory;
        this.tasks = tasks;
        this.local = local;
        this.peers = peers;
        this.wake = wake;
        this.watchdog = io.pgha.agent.watchdog.Watchdog.of(
                io.pgha.agent.watchdog.WatchdogSettings.from(config.source().section("watchdog")));
        this.callbacks = new Callbacks(config.keyspace().scope(),
                () -> Callbacks.configured(settings.config().source(), settings.dynamic().data()), this::redact);
    }

    /** Masks the configured PostgreSQL passwords in text that is logged. */
    String redact(String text) {
        String result = text;
        var authentication = settings.postgres().settings().authentication();
        for (var credentials : java.util.Arrays.asList(authentication.superuser(), authentication.replication(),
                authentication.rewind())) {
            if (credentials != null && credentials.password() != null && !credentials.password().isEmpty()) {
                result = result.replace(credentials.password(), "********");
            }
        }
        return result;
    }

    /** The role a callback is told: the agent's, or what the server says before the agent settled one. */
    io.pgha.ha.Role callbackRole() {
        io.pgha.ha.Role role = memory.role();
        if (role == io.pgha.ha.Role.UNINITIALIZED && local.lastStatus().inRecovery() != null) {
            return local.lastStatus().inRecovery() ? io.pgha.ha.Role.REPLICA : io.pgha.ha.Role.PRIMARY;
        }
        return role;
    }

    Postgres postgres() {
        return settings.postgres();
    }

    String name() {
        return config.name();
    }

    /** A fresh view for steps that must not act on the cycle's (after a demotion, a clone). */
    Optional<Cluster> freshView() {
        try {
            return Optional.of(cache.view(dcs.retryTimeout()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** NODE-TO-FOLLOW on a fresh view; none when the view cannot be read. */
    Optional<Upstream> upstreamNow() {
        return freshView().flatMap(view -> Upstream.nodeToFollow(view, settings.ha()));
    }

    /** The server to stream from, clone from or rewind from, as the PostgreSQL facade takes it. */
    static Optional<io.pgha.postgres.Upstream> server(Upstream member, String slotName) {
        if (member == null || member.connUrl() == null || member.connUrl().isEmpty()) {
            return Optional.empty();
        }
        io.pgha.postgres.Upstream server = io.pgha.postgres.Upstream.fromConnUrl(member.name(), member.connUrl())
                .withRecovery(member.recovery());
        return Optional.of(slotName == null ? server : server.withSlot(slotName));
    }
}
