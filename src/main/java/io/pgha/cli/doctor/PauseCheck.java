package io.pgha.cli.doctor;

import java.util.List;

/** Maintenance mode: while paused nobody fails over. */
final class PauseCheck implements Check {
    static final String NAME = "pause";
    private static final String WHY = "while paused no failover happens: a primary failure is an outage";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the cluster is not paused (maintenance mode)";
    }

    @Override
    public List<Finding> run(Facts facts) {
        if (facts.cluster().isPaused()) {
            // etcd v3 keeps no time stamps, so how long the pause lasts is not known
            return List.of(Finding.warning(NAME, "cluster is paused (maintenance mode); since when is not recorded", WHY,
                    facts.command("resume")));
        }
        return List.of(Finding.ok(NAME, "not paused", WHY, facts.command("pause")));
    }
}
