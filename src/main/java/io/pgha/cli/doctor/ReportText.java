package io.pgha.cli.doctor;

import io.pgha.cli.render.Style;
import io.pgha.cli.render.OutputFormat;
import io.pgha.cli.render.PyYaml;
import io.pgha.text.PyJson;
import java.util.Locale;

/** A report as text: a readable runbook (pretty), or its data (json, yaml). */
public final class ReportText {
    /** Severity colours on a terminal; the label is padded before colouring so columns stay aligned. */
    public static final Style COLOURS = (column, text) -> {
        String colour = switch (text.strip()) {
            case "OK" -> "\033[32m";
            case "WARNING" -> "\033[33m";
            case "CRITICAL" -> "\033[1;31m";
            case "UNKNOWN" -> "\033[35m";
            default -> null;
        };
        return colour == null ? text : colour + text + "\033[0m";
    };

    private ReportText() {
    }

    public static String render(Report report, OutputFormat format, Style style) {
        return switch (format) {
            case JSON -> PyJson.dumps(report.document()) + "\n";
            case YAML -> PyYaml.dump(report.document()) + "\n";
            default -> pretty(report, style);
        };
    }

    private static String pretty(Report report, Style style) {
        StringBuilder text = new StringBuilder();
        int width = report.findings().stream().mapToInt(f -> f.check().length()).max().orElse(0);
        text.append("Cluster ").append(report.cluster()).append(": ")
                .append(style.apply("Severity", report.status().name())).append(" (")
                .append(report.count(Severity.CRITICAL)).append(" critical, ")
                .append(report.count(Severity.WARNING)).append(" warning, ")
                .append(report.count(Severity.UNKNOWN)).append(" unknown, ")
                .append(report.count(Severity.OK)).append(" ok)\n");
        for (Finding finding : report.findings()) {
            String label = String.format(Locale.ROOT, "%-8s", finding.severity().name());
            text.append(style.apply("Severity", label)).append(' ')
                    .append(String.format(Locale.ROOT, "%-" + width + "s", finding.check())).append("  ")
                    .append(finding.summary()).append('\n');
            if (finding.severity() != Severity.OK) {
                String indent = " ".repeat(9 + width + 2);
                text.append(indent).append("why: ").append(finding.why()).append('\n');
                text.append(indent).append("fix: ").append(finding.fix()).append('\n');
            }
        }
        return text.toString();
    }
}
