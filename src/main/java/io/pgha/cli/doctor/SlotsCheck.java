package io.pgha.cli.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Inactive replication slots on the primary and the WAL each holds back. */
final class SlotsCheck implements Check {
    static final String NAME = "slots";
    private static final String WHY = "an inactive slot keeps WAL forever: pg_wal grows until the disk is full";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "no inactive replication slot on the primary (SQL), critical when one retains more than --slot-wal-critical";
    }

    @Override
    public List<Finding> run(Facts facts) {
        Optional<SqlFacts> primary = facts.leader().flatMap(l -> facts.sql(l.name()));
        if (primary.isEmpty()) {
            return List.of(SqlChecks.notChecked(NAME, facts, WHY));
        }
        String leader = primary.get().member();
        List<Finding> findings = new ArrayList<>();
        int active = 0;
        for (SqlFacts.Slot slot : primary.get().slots()) {
            if (slot.active()) {
                active++;
                continue;
            }
            long retained = slot.retainedBytes() == null ? 0 : slot.retainedBytes();
            String summary = "inactive slot " + slot.name() + " on " + leader + " retains " + Bytes.format(retained);
            String fix = "pgha query " + facts.clusterName() + " -c \"SELECT pg_drop_replication_slot('" + slot.name()
                    + "')\"   # if no member or consumer needs it";
            findings.add(retained > facts.thresholds().slotWalCritical()
                    ? Finding.critical(NAME, summary, WHY, fix) : Finding.warning(NAME, summary, WHY, fix));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(NAME, active + " slot" + (active == 1 ? "" : "s") + " on " + leader + ", all active",
                    WHY, "pgha query " + facts.clusterName() + " -c 'SELECT * FROM pg_replication_slots'"));
        }
        return findings;
    }
}
