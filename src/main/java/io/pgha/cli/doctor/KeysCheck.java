package io.pgha.cli.doctor;

import java.util.ArrayList;
import java.util.List;

/** Hand-edited or garbled keys: agents and tools read such a value as absent, which hides what it meant. */
final class KeysCheck implements Check {
    static final String NAME = "keys";
    private static final String WHY = "a value that does not parse is read as absent (no leader, empty config...),"
            + " so the cluster may act on less than what was written";
    private static final int SHOWN = 160;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every key of the cluster holds a value of the form Patroni writes";
    }

    @Override
    public List<Finding> run(Facts facts) {
        List<String> problems = facts.cluster().problems();
        if (problems.isEmpty()) {
            return List.of(Finding.ok(NAME, "every key reads as expected", WHY, null));
        }
        String prefix = facts.cluster().keyspace().prefix();
        List<Finding> findings = new ArrayList<>();
        for (String problem : problems) {
            String shown = problem.length() > SHOWN ? problem.substring(0, SHOWN) + "..." : problem;
            findings.add(Finding.warning(NAME, prefix + shown, WHY,
                    "rewrite or delete the key (pgha edit-config for /config; the agents rewrite their own keys)"));
        }
        return findings;
    }
}
