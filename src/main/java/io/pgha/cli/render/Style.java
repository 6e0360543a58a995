package io.pgha.cli.render;

import java.util.Set;

/**
 * How a pretty table's cell looks on a terminal: the text is already padded, so escape sequences
 * never shift the columns.
 */
public interface Style {
    String apply(String column, String text);

    Style PLAIN = (column, text) -> text;

    /** Leaders in bold green, synchronous standbys in cyan; healthy states green, failing ones red, transitions yellow. */
    Style ROLES_AND_STATES = new Style() {
        private static final String RESET = "\033[0m";
        private static final Set<String> HEALTHY = Set.of("running", "streaming");
        private static final Set<String> FAILING = Set.of("stopped", "crashed", "start failed", "stopping failed",
                "restart failed", "creating replica failed", "unknown");

        @Override
        public String apply(String column, String text) {
            String value = text.strip();
            if (value.isEmpty()) {
                return text;
            }
            String colour = switch (column) {
                case "Role" -> value.endsWith("Leader") ? "\033[1;32m"
                        : value.startsWith("Sync") || value.startsWith("Quorum") ? "\033[36m" : null;
                case "State" -> HEALTHY.contains(value) ? "\033[32m" : FAILING.contains(value) ? "\033[31m" : "\033[33m";
                case "Pending restart" -> "\033[33m";
                default -> null;
            };
            return colour == null ? text : colour + text + RESET;
        }
    };
}
