package io.pgha.cli.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The size of pg_wal on every member reachable over SQL. */
final class WalCheck implements Check {
    static final String NAME = "wal-size";
    private static final String WHY = "pg_wal that keeps growing fills the disk and stops PostgreSQL";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "pg_wal on each member stays below --wal-warning and --wal-critical (SQL)";
    }

    @Override
    public List<Finding> run(Facts facts) {
        List<Finding> findings = new ArrayList<>();
        Thresholds limits = facts.thresholds();
        List<String> fine = new ArrayList<>();
        for (Map.Entry<String, SqlFacts> entry : new java.util.TreeMap<>(facts.sql()).entrySet()) {
            SqlFacts sql = entry.getValue();
            if (!sql.answered() || sql.walBytes() == null) {
                continue;
            }
            long size = sql.walBytes();
            String summary = "pg_wal on " + sql.member() + " is " + Bytes.format(size);
            String fix = facts.command("doctor") + " --check slots; pgha query " + facts.clusterName() + " -m "
                    + sql.member() + " -c 'SELECT * FROM pg_stat_archiver'";
            if (size > limits.walCritical()) {
                findings.add(Finding.critical(NAME, summary + " > " + Bytes.format(limits.walCritical()), WHY, fix));
            } else if (size > limits.walWarning()) {
                findings.add(Finding.warning(NAME, summary + " > " + Bytes.format(limits.walWarning()), WHY, fix));
            } else {
                fine.add(sql.member() + " " + Bytes.format(size));
            }
        }
        if (findings.isEmpty()) {
            findings.add(fine.isEmpty() ? SqlChecks.notChecked(NAME, facts, WHY)
                    : Finding.ok(NAME, "pg_wal: " + String.join(", ", fine), WHY, facts.command("list")));
        }
        return findings;
    }
}
