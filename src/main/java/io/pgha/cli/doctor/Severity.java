package io.pgha.cli.doctor;

import java.util.Collection;
import java.util.Locale;

/**
 * How bad a finding is, and the exit code the monitoring-plugin convention gives it. A report is as bad
 * as its worst finding: critical beats warning, warning beats unknown (a check that could not look).
 */
public enum Severity {
    OK(0, 0), UNKNOWN(3, 1), WARNING(1, 2), CRITICAL(2, 3);

    private final int exitCode;
    private final int rank;

    Severity(int exitCode, int rank) {
        this.exitCode = exitCode;
        this.rank = rank;
    }

    public int exitCode() {
        return exitCode;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity worst(Collection<Severity> severities) {
        Severity worst = OK;
        for (Severity severity : severities) {
            if (severity.rank > worst.rank) {
                worst = severity;
            }
        }
        return worst;
    }
}
