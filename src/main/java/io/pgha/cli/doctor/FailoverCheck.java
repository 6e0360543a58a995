package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How many members could take over now. */
final class FailoverCheck implements Check {
    static final String NAME = "failover-readiness";
    private static final String WHY = "when the primary fails only a running replica without nofailover and within "
            + "maximum_lag_on_failover is promoted";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "how many members could take over now (running, no nofailover tag, lag within maximum_lag_on_failover); none is critical";
    }

    @Override
    public List<Finding> run(Facts facts) {
        long maxLag = facts.maximumLagOnFailover();
        List<String> ready = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (Member member : facts.cluster().members()) {
            if (facts.isLeader(member)) {
                continue;
            }
            Optional<Long> lag = facts.lag(member);
            if (member.noFailover()) {
                not.add(member.name() + " (nofailover)");
            } else if (!facts.isRunning(member)) {
                not.add(member.name() + " (not running)");
            } else if (lag.isPresent() && lag.get() > maxLag) {
                not.add(member.name() + " (lag " + Bytes.format(lag.get()) + ")");
            } else {
                ready.add(member.name());
            }
        }
        String summary = ready.size() + " member" + (ready.size() == 1 ? "" : "s") + " could take over"
                + (ready.isEmpty() ? "" : ": " + String.join(", ", ready))
                + (not.isEmpty() ? "" : "; not: " + String.join(", ", not));
        if (ready.isEmpty()) {
            return List.of(Finding.critical(NAME, summary, WHY, facts.command("list") + " -e"));
        }
        return List.of(Finding.ok(NAME, summary, WHY, facts.command("list") + " -e"));
    }
}
