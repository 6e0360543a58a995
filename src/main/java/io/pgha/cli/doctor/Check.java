package io.pgha.cli.doctor;

import java.util.List;

/** One troubleshooting step: a pure function from what was gathered to findings (never empty). */
public interface Check {
    /** The name {@code --check} takes and every finding carries. */
    String name();

    /** One line for the man page: what the check looks at. */
    String description();

    /** Whether the check reads the cluster's keys; such checks are unknown while the DCS cannot be read. */
    default boolean needsCluster() {
        return true;
    }

    List<Finding> run(Facts facts);
}
