package io.pgha.cli.render;

import io.pgha.cli.render.Table.Column;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.HistoryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code history} (patronictl.md §2.11): TL, LSN, Reason, Timestamp, New Leader; entries written
 * without timestamp and leader get blank cells. No title; json/yaml keep every key.
 */
public final class HistoryTable {
    private HistoryTable() {
    }

    public static Table build(Cluster cluster) {
        List<HistoryEntry> history = cluster.history() == null ? List.of() : cluster.history();
        List<List<Object>> rows = new ArrayList<>();
        for (HistoryEntry e : history) {
            rows.add(List.of(e.timeline(), e.lsn(), e.reason(), blankIfNull(e.timestamp()), blankIfNull(e.newLeader())));
        }
        List<Column> columns = List.of(Column.right("TL"), Column.right("LSN"), Column.left("Reason"),
                Column.left("Timestamp"), Column.left("New Leader"));
        return new Table(null, columns, rows, false);
    }

    private static Object blankIfNull(String s) {
        return s == null ? "" : s;
    }
}
