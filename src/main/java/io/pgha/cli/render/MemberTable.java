package io.pgha.cli.render;

import io.pgha.text.PyJson;
import io.pgha.text.PyText;
import io.pgha.cli.render.MemberOverview.Position;
import io.pgha.cli.render.Table.Column;
import io.pgha.dcs.Cluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The member table of {@code list} and {@code topology} (patronictl.md §2.1, §2.2): which columns
 * appear, the text or value of every cell, and the shape each format needs (pretty drops the
 * Cluster column and titles both lag columns "Lag"; tags become YAML text except in json/yaml).
 */
public final class MemberTable {
    static final int MAX_REASON_LINE = 50;

    private MemberTable() {
    }

    public static Table build(Cluster cluster, ListOptions options) {
        return build(ClusterOverview.of(cluster, options.surface()), options);
    }

    public static Table build(ClusterOverview overview, ListOptions options) {
        boolean v4 = options.surface() == Surface.PATRONI_4_1;
        OutputFormat format = options.format();
        List<MemberOverview> withHost = overview.members().stream().filter(m -> m.host() != null).toList();

        List<String> columns = new ArrayList<>(List.of("Cluster", "Member", "Host", "Role", "State", "TL"));
        columns.addAll(v4 ? List.of("Receive LSN", "Receive Lag", "Replay LSN", "Replay Lag") : List.of("Lag in MB"));
        addOptional(columns, "Pending restart", options, withHost, "pending_restart");
        if (v4) {
            addOptional(columns, "Pending restart reason", options, withHost, "pending_restart_reason");
        }
        addOptional(columns, "Scheduled restart", options, withHost, "scheduled_restart");
        addOptional(columns, "Tags", options, withHost, "tags");

        boolean appendPort = withHost.stream().anyMatch(m -> m.port() != null && m.port() != 5432)
                || distinctHosts(withHost) < withHost.size();

        List<Topology.Placed> ordered = format == OutputFormat.TOPOLOGY ? Topology.order(overview.members())
                : overview.members().stream().map(m -> new Topology.Placed(m, m.name())).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (Topology.Placed placed : ordered) {
            Cells cells = new Cells(overview.scope(), placed, appendPort, format.isTable());
            List<Object> row = new ArrayList<>();
            for (String column : columns) {
                row.add(cells.value(column));
            }
            rows.add(row);
        }
        return shape(title(overview, v4), columns, rows, format);
    }

    /** Pretty output's title: 3.0.2 {@code " Cluster: demo "}, 3.2.0+ adds the sysid or bootstrap state. */
    static String title(ClusterOverview overview, boolean v4) {
        if (!v4) {
            return " Cluster: " + overview.scope() + " ";
        }
        String init = overview.initialize() == null ? "uninitialized"
                : overview.initialize().isEmpty() ? "initializing" : overview.initialize();
        return " Cluster: " + overview.scope() + " (" + init + ") ";
    }

    private static void addOptional(List<String> columns, String name, ListOptions options,
                                    List<MemberOverview> members, String attribute) {
        if (options.extended() || members.stream().anyMatch(m -> PyText.truthy(m.attribute(attribute)))) {
            columns.add(name);
        }
    }

    private static long distinctHosts(List<MemberOverview> members) {
        Set<String> hosts = new HashSet<>();
        members.forEach(m -> hosts.add(m.host()));
        return hosts.size();
    }

    private static Table shape(String title, List<String> names, List<List<Object>> rows, OutputFormat format) {
        int tags = names.indexOf("Tags");
        if (tags >= 0 && format != OutputFormat.JSON && format != OutputFormat.YAML) {
            for (List<Object> row : rows) {
                if (PyText.truthy(row.get(tags))) {
                    row.set(tags, PyYaml.dump(row.get(tags), format != OutputFormat.PRETTY).strip());
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(alignment(name));
        }
        if (!format.isTable()) {
            return new Table(title, columns, rows, true);
        }
        List<Column> shown = new ArrayList<>();
        for (Column c : columns.subList(1, columns.size())) {
            boolean lag = c.name().equals("Receive Lag") || c.name().equals("Replay Lag");
            shown.add(lag ? Column.right("Lag") : c);
        }
        List<List<Object>> shownRows = rows.stream().map(r -> r.subList(1, r.size())).toList();
        return new Table(title, shown, shownRows, true);
    }

    private static Column alignment(String name) {
        return switch (name) {
            case "TL", "Lag in MB", "Receive LSN", "Replay LSN", "Receive Lag", "Replay Lag" -> Column.right(name);
            default -> Column.left(name);
        };
    }

    /** Cell values of one member, keyed by column name. */
    private static final class Cells {
        private final String cluster;
        private final Topology.Placed placed;
        private final MemberOverview m;
        private final boolean appendPort;
        private final boolean hideLongReasons;

        Cells(String cluster, Topology.Placed placed, boolean appendPort, boolean hideLongReasons) {
            this.cluster = cluster;
            this.placed = placed;
            this.m = placed.member();
            this.appendPort = appendPort;
            this.hideLongReasons = hideLongReasons;
        }

        Object value(String column) {
            return switch (column) {
                case "Cluster" -> cluster;
                case "Member" -> placed.displayName();
                case "Host" -> host();
                case "Role" -> titleCase(m.role().replace('_', ' '));
                case "State" -> m.state();
                case "TL" -> copied("timeline");
                case "Lag in MB" -> m.wal() == null ? "" : megabytes(m.wal().lagValue());
                case "Receive LSN" -> positions()[0] == null ? "" : positions()[0].lsnText();
                case "Receive Lag" -> positions()[0] == null ? "" : lag(positions()[0]);
                case "Replay LSN" -> positions()[1] == null ? "" : positions()[1].lsnText();
                case "Replay Lag" -> positions()[1] == null ? "" : lag(positions()[1]);
                case "Pending restart" -> PyText.truthy(m.attribute("pending_restart")) ? "*" : "";
                case "Pending restart reason" -> reason();
                case "Scheduled restart" -> scheduledRestart();
                case "Tags" -> copied("tags");
                default -> throw new IllegalArgumentException("unknown column " + column);
            };
        }

        /** The raw value when the member publishes the attribute (None included), else blank. */
        private Object copied(String attribute) {
            return m.copied().containsKey(attribute) ? m.attribute(attribute) : "";
        }

        private String host() {
            if (m.host() == null) {
                return "";
            }
            return appendPort && m.port() != null && m.port() != 0 ? m.host() + ":" + m.port() : m.host();
        }

        /**
         * Receive and replay positions. A 3.0.2 member publishes only xlog_location; 4.1 then shows it
         * as the receive position when the member streams, else as the replay position.
         */
        private Position[] positions() {
            Position receive = m.receive();
            Position replay = m.replay();
            if (receive != null && replay != null && !receive.isKnown() && !replay.isKnown()
                    && m.wal() != null && m.wal().isKnown()) {
                if ("streaming".equals(m.state())) {
                    receive = m.wal();
                } else {
                    replay = m.wal();
                }
            }
            return new Position[] {receive, replay};
        }

        /** 4.1 leaves the lag blank where the LSN column says unknown. */
        private static Object lag(Position position) {
            return position.isKnown() ? PyText.roundMegabytes(position.lag()) : "";
        }

        private static Object megabytes(Object lag) {
            return lag instanceof Long bytes ? (Object) PyText.roundMegabytes(bytes) : lag;
        }

        private String reason() {
            Object raw = m.attribute("pending_restart_reason");
            if (!(raw instanceof Map<?, ?> reasons)) {
                return raw == null ? "" : PyText.str(raw);
            }
            List<String> lines = new ArrayList<>();
            reasons.forEach((param, values) -> {
                String line = param + ": " + field(values, "old_value") + "->" + field(values, "new_value");
                if (hideLongReasons && line.codePointCount(0, line.length()) > MAX_REASON_LINE) {
                    line = param + ": [hidden - too long]";
                }
                lines.add(line);
            });
            return String.join("\n", lines);
        }

        private Object scheduledRestart() {
            Object raw = m.attribute("scheduled_restart");
            if (raw == null) {
                return "";
            }
            if (!(raw instanceof Map<?, ?> restart)) {
                return raw;
            }
            String value = field(restart, "schedule");
            if (restart.containsKey("postgres_version")) {
                value += " if version < " + PyText.str(restart.get("postgres_version"));
            }
            return value;
        }

        private static String field(Object map, String key) {
            return map instanceof Map<?, ?> values && values.get(key) != null ? PyText.str(values.get(key)) : "";
        }

        /** Python's str.title(): upper case after a non-letter, lower case after a letter. */
        static String titleCase(String s) {
            StringBuilder sb = new StringBuilder();
            boolean afterLetter = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                sb.append(afterLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
                afterLetter = Character.isLetter(c);
            }
            return sb.toString();
        }
    }
}
