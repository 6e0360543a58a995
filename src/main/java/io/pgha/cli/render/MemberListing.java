package io.pgha.cli.render;

import io.pgha.dcs.Cluster;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code list} and {@code topology} print for the clusters named on the command line: one
 * complete output per cluster, in argument order (a table, a tsv block with its own header, a JSON
 * line or a YAML document each), and after pretty/topology tables the service lines for maintenance
 * mode and a scheduled switchover.
 */
public final class MemberListing {
    private MemberListing() {
    }

    public static void print(List<Cluster> clusters, ListOptions options, PrintWriter out) {
        out.print(render(clusters, options));
        out.flush();
    }

    public static String render(List<Cluster> clusters, ListOptions options) {
        StringBuilder sb = new StringBuilder();
        boolean pretty = options.format().isTable();
        Printer printer = pretty ? new PrettyPrinter(options.display().style()) : Printer.of(options.format());
        for (Cluster cluster : clusters) {
            ClusterOverview overview = ClusterOverview.of(cluster, options.surface());
            Table table = MemberTable.build(overview, options);
            List<String> leftOut = List.of();
            if (pretty) {
                FitToWidth.Fitted fitted = FitToWidth.fit(table, options.display().width());
                table = fitted.table();
                leftOut = fitted.leftOut();
            }
            sb.append(printer.render(table));
            if (pretty) {
                List<String> service = new java.util.ArrayList<>(serviceLines(overview));
                if (!leftOut.isEmpty()) {
                    service.add("Left out to fit the terminal: " + String.join(", ", leftOut)
                            + " (widen it, or use -f json)");
                }
                if (!service.isEmpty()) {
                    sb.append(' ').append(String.join("\n ", service)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * {@code Maintenance mode: on} and {@code Switchover scheduled at: <ISO>} with its from/to lines,
     * labels right-aligned in 24 columns. One entry may span lines; the caller prefixes each entry
     * with a space.
     */
    public static List<String> serviceLines(ClusterOverview overview) {
        List<String> lines = new ArrayList<>();
        if (overview.paused()) {
            lines.add("Maintenance mode: on");
        }
        ClusterOverview.ScheduledSwitchover switchover = overview.scheduledSwitchover();
        if (switchover != null) {
            StringBuilder info = new StringBuilder("Switchover scheduled at: " + switchover.at());
            if (switchover.from() != null) {
                info.append('\n').append(String.format("%24s: %s", "from", switchover.from()));
            }
            if (switchover.to() != null) {
                info.append('\n').append(String.format("%24s: %s", "to", switchover.to()));
            }
            lines.add(info.toString());
        }
        return lines;
    }
}
