package io.pgha.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The whole way from command line and environment to a {@link PatroniConfig}, for the agent and the CLI. */
public final class ConfigSources {
    public static final String PATRONI_CONFIGURATION = "PATRONI_CONFIGURATION";
    /** patronictl reads {@code -d} from this variable when the option is not given. */
    public static final String ENV_DCS_URL = "DCS_URL";

    private ConfigSources() {
    }

    /**
     * Patroni's rule (config.md §1.1): an existing file or directory with {@code PATRONI_*} merged on top;
     * otherwise {@code PATRONI_CONFIGURATION} alone; otherwise the {@code PATRONI_*} variables alone.
     *
     * @param path the configuration path, or null when none was given
     */
    public static PatroniConfig local(Path path, Map<String, String> env) {
        if (path != null && Files.exists(path)) {
            return EnvironmentOverrides.applyTo(ConfigLoader.load(path), env);
        }
        String whole = env.get(PATRONI_CONFIGURATION);
        if (whole != null && !whole.isEmpty()) {
            PatroniConfig config = ConfigLoader.parse(whole, PATRONI_CONFIGURATION);
            if (!config.tree().isEmpty()) {
                return config;
            }
        }
        return EnvironmentOverrides.fromEnvironment(env);
    }

    /**
     * patronictl's configuration: the file chosen by {@link CtlConfigLocator}, loaded by {@link #local},
     * then {@code -d} (or {@code $DCS_URL}) replacing the DCS sections.
     *
     * @param configFileOption {@code -c/--config-file}, null when not given
     * @param dcsUrlOption {@code -d/--dcs-url}, null when not given
     * @param home the user's home directory, for the default file
     */
    public static PatroniConfig ctl(String configFileOption, String dcsUrlOption, Map<String, String> env, Path home) {
        Path file = CtlConfigLocator.locate(configFileOption, env, home).orElse(null);
        PatroniConfig config = local(file, env);
        String dcsUrl = dcsUrlOption != null ? dcsUrlOption : env.get(ENV_DCS_URL);
        if (dcsUrl != null && !dcsUrl.isEmpty()) {
            config = DcsUrl.parse(dcsUrl).applyTo(config);
        }
        return config;
    }
}
