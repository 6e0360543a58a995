package io.pgha.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which file patronictl reads (patronictl.md §1): {@code -c}, else {@code $PATRONICTL_CONFIG_FILE}, else
 * {@code $XDG_CONFIG_HOME/patroni/patronictl.yaml} or {@code ~/.config/patroni/patronictl.yaml}.
 * Only the default may be missing; a path someone named must exist and be readable.
 */
public final class CtlConfigLocator {
    public static final String ENV_CONFIG_FILE = "PATRONICTL_CONFIG_FILE";

    private CtlConfigLocator() {
    }

    /** {@code $XDG_CONFIG_HOME/patroni/patronictl.yaml}, or {@code <home>/.config/patroni/patronictl.yaml}. */
    public static Path defaultPath(Map<String, String> env, Path home) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg == null || xdg.isEmpty() ? home.resolve(".config") : Path.of(xdg);
        return base.resolve("patroni").resolve("patronictl.yaml");
    }

    /**
     * @param option the {@code -c/--config-file} value, null when not given
     * @return the file or directory to load; empty when the default file does not exist
     * @throws ConfigException with patronictl's message when a named path is missing or unreadable
     */
    public static Optional<Path> locate(String option, Map<String, String> env, Path home) {
        String fromEnv = env.get(ENV_CONFIG_FILE);
        String defaultPath = defaultPath(env, home).toString();
        String chosen = option != null ? option : fromEnv != null && !fromEnv.isEmpty() ? fromEnv : defaultPath;
        Path path = Path.of(chosen);
        if (Files.exists(path) && Files.isReadable(path)) {
            return Optional.of(path);
        }
        // patronictl compares the text: the default path counts as default even when named with -c.
        if (!chosen.equals(defaultPath)) {
            throw new ConfigException("Provided config file " + chosen
                    + " not existing or no read rights. Check the -c/--config-file parameter");
        }
        return Optional.empty();
    }
}
