package io.pgha.agent;

import io.pgha.config.ConfigException;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import io.pgha.ha.HaSettings;
import io.pgha.ha.SyncSettings;
import io.pgha.ha.Timings;
import io.pgha.postgres.Postgres;
import io.pgha.postgres.PostgresSettings;
import java.util.Objects;

/**
 * The settings in force: the local configuration combined with the dynamic configuration last applied
 * ({@code /config}; before there is one, the cached {@code patroni.dynamic.json}, else {@code bootstrap.dcs}).
 * A changed {@code /config} is applied at the start of a cycle: timings adjusted as Patroni adjusts them,
 * PostgreSQL settings rebuilt.
 */
final class RuntimeSettings {
    private static final System.Logger LOG = System.getLogger(RuntimeSettings.class.getName());
    private static final String STANDBY_NAMES = "synchronous_standby_names";

    private volatile AgentConfig config;
    private volatile DynamicConfig dynamic;
    private volatile HaSettings ha;
    private volatile Timings timings;
    private volatile Postgres postgres;
    /** synchronous_standby_names as the primary last set it (ha-loop.md §15); unset until it does. */
    private volatile boolean standbyNamesManaged;
    private volatile String standbyNames;
    /** hot_standby_feedback forced on for permanent logical slots (config.md §5.2). */
    private volatile boolean hotStandbyFeedback;

    RuntimeSettings(AgentConfig config) {
        this(config, config.bootstrapDynamic());
    }

    /** Starting from {@code initial}: the cached dynamic configuration, or {@code bootstrap.dcs}. */
    RuntimeSettings(AgentConfig config, DynamicConfig initial) {
        this.config = config;
        this.dynamic = initial;
        this.timings = adjusted(dynamic);
        this.ha = config.haSettings(dynamic);
        this.postgres = new Postgres(withSync(config.postgresSettings(dynamic), dynamic));
    }

    AgentConfig config() {
        return config;
    }

    DynamicConfig dynamic() {
        return dynamic;
    }

    HaSettings ha() {
        return ha;
    }

    Timings timings() {
        return timings;
    }

    Postgres postgres() {
        return postgres;
    }

    /** Applies the view's {@code /config} when it has data that differs; true when the PostgreSQL settings changed. */
    boolean apply(Cluster view) {
        if (view == null || view.config() == null || view.config().data().isEmpty()) {
            return false;
        }
        DynamicConfig fresh = view.config();
        boolean feedback = io.pgha.ha.SlotPlan.needsHotStandbyFeedback(view, config.name(), ha.tags());
        if (Objects.equals(fresh.data(), dynamic.data()) && feedback == hotStandbyFeedback) {
            dynamic = fresh;
            return false;
        }
        hotStandbyFeedback = feedback;
        PostgresSettings settings;
        try {
            settings = withSync(config.postgresSettings(fresh).withHotStandbyFeedback(feedback), fresh);
        } catch (ConfigException e) {
            LOG.log(System.Logger.Level.ERROR, "ignoring the PostgreSQL part of /config: " + e.getMessage());
            settings = postgres.settings();
        }
        dynamic = fresh;
        timings = adjusted(fresh);
        ha = config.haSettings(fresh);
        boolean changed = !settings.equals(postgres.settings());
        if (changed) {
            postgres = postgres.withSettings(settings);
        }
        return changed;
    }

    /**
     * A reload (SIGHUP, {@code POST /reload}): the local configuration read again, combined with the
     * dynamic configuration in force. True when the PostgreSQL settings changed.
     */
    boolean reloadLocal(AgentConfig fresh) {
        PostgresSettings settings = withSync(fresh.postgresSettings(dynamic).withHotStandbyFeedback(hotStandbyFeedback),
                dynamic);
        config = fresh;
        ha = fresh.haSettings(dynamic);
        boolean changed = !settings.equals(postgres.settings());
        if (changed) {
            postgres = postgres.withSettings(settings);
        }
        return changed;
    }

    /**
     * The primary manages synchronous_standby_names from now on: {@code value} (null: none). True when the
     * PostgreSQL settings changed; write them and reload then.
     */
    synchronized boolean manageStandbyNames(String value) {
        standbyNamesManaged = true;
        standbyNames = value;
        return rebuild();
    }

    /** Synchronous mode is off: the user's synchronous_standby_names applies again. True when that changed the settings. */
    synchronized boolean releaseStandbyNames() {
        standbyNamesManaged = false;
        standbyNames = null;
        return rebuild();
    }

    private boolean rebuild() {
        PostgresSettings settings;
        try {
            settings = withSync(config.postgresSettings(dynamic).withHotStandbyFeedback(hotStandbyFeedback), dynamic);
        } catch (ConfigException e) {
            settings = withSync(postgres.settings(), dynamic);
        }
        boolean changed = !settings.equals(postgres.settings());
        if (changed) {
            postgres = postgres.withSettings(settings);
        }
        return changed;
    }

    /**
     * In synchronous mode the agent owns synchronous_standby_names (config.md §5.2): its own value once
     * set, none before that; the user's value applies only outside synchronous mode. (Patroni 4.1 starts
     * a strict primary with {@code *}; here every promotion sets it first, and a bootstrapping server
     * must not wait for standbys that cannot exist yet.)
     */
    private PostgresSettings withSync(PostgresSettings settings, DynamicConfig config) {
        if (!SyncSettings.from(config).enabled()) {
            return settings;
        }
        if (standbyNamesManaged) {
            return settings.withParameter(STANDBY_NAMES, standbyNames);
        }
        return settings.withParameter(STANDBY_NAMES, null);
    }

    private static Timings adjusted(DynamicConfig dynamic) {
        Timings timings = Timings.from(dynamic);
        timings.adjustments().forEach(note -> LOG.log(System.Logger.Level.WARNING, note));
        return timings;
    }
}
