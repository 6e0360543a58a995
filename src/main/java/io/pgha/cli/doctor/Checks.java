package io.pgha.cli.doctor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Every check, in report order, and running a selection of them over gathered facts. */
public final class Checks {
    public static final List<Check> ALL = List.of(
            new EtcdEndpointsCheck(),
            new EtcdQuorumCheck(),
            new MembersCheck(),
            new LeaderCheck(),
            new PrimariesCheck(),
            new PauseCheck(),
            new ReplicationCheck(),
            new FailoverCheck(),
            new TimingCheck(),
            new SlotsCheck(),
            new WalCheck(),
            new PendingRestartCheck(),
            new TimelineCheck(),
            new SyncCheck(),
            new VersionsCheck(),
            new KeysCheck());

    private Checks() {
    }

    public static List<String> names() {
        return ALL.stream().map(Check::name).toList();
    }

    public static Optional<Check> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The selected checks' findings; checks on the cluster are unknown while its keys could not be read. */
    public static List<Finding> run(Collection<Check> selected, Facts facts) {
        List<Finding> findings = new ArrayList<>();
        for (Check check : selected) {
            if (check.needsCluster() && facts.cluster() == null) {
                findings.add(new Finding(check.name(), Severity.UNKNOWN, "not checked: " + facts.dcsError(),
                        "the cluster's state lives in the DCS", "pgha doctor --check etcd-quorum"));
                continue;
            }
            try {
                findings.addAll(check.run(facts));
            } catch (RuntimeException e) {
                // a check that trips over facts it did not expect must not hide the others' findings
                findings.add(new Finding(check.name(), Severity.UNKNOWN, "check failed: " + e,
                        "this check could not judge what was gathered", "pgha --verbose doctor --check " + check.name()));
            }
        }
        return findings;
    }
}
