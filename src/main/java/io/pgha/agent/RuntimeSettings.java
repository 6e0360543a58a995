package io.pgha.agent;

import io.pgha.config.ConfigException;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.DynamicConfig;
import io.pgha.ha.HaSettings;
import io.pgha.ha.Timings;
import io.pgha.postgres.Postgres;
import io.pgha.postgres.PostgresSettings;
import java.util.Objects;

/**
 * The settings in force: the local configuration combined with the dynamic configuration last applied
 * ({@code /config}, or {@code bootstrap.dcs} before there is one). A changed {@code /config} is applied
 * at the start of a cycle: timings adjusted as Patroni adjusts them, PostgreSQL settings rebuilt.
 */
final class RuntimeSettings {
    private static final System.Logger LOG = System.getLogger(RuntimeSettings.class.getName());

    private volatile AgentConfig config;
    private volatile DynamicConfig dynamic;
    private volatile HaSettings ha;
    private volatile Timings timings;
    private volatile Postgres postgres;
    /** hot_standby_feedback forced on for permanent logical slots (config.md §5.2). */
    private volatile boolean hotStandbyFeedback;

    RuntimeSettings(AgentConfig config) {
        this.config = config;
        this.dynamic = config.bootstrapDynamic();
        this.timings = adjusted(dynamic);
        this.ha = config.haSettings(dynamic);
        this.postgres = new Postgres(config.postgresSettings(dynamic));
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
            settings = config.postgresSettings(fresh).withHotStandbyFeedback(feedback);
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
        PostgresSettings settings = fresh.postgresSettings(dynamic).withHotStandbyFeedback(hotStandbyFeedback);
        config = fresh;
        ha = fresh.haSettings(dynamic);
        boolean changed = !settings.equals(postgres.settings());
        if (changed) {
            postgres = postgres.withSettings(settings);
        }
        return changed;
    }

    private static Timings adjusted(DynamicConfig dynamic) {
        Timings timings = Timings.from(dynamic);
        timings.adjustments().forEach(note -> LOG.log(System.Logger.Level.WARNING, note));
        return timings;
    }
}
