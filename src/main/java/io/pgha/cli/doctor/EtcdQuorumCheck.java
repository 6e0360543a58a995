package io.pgha.cli.doctor;

import java.util.List;

/** etcd has a leader and a majority of its members are healthy. */
final class EtcdQuorumCheck implements Check {
    static final String NAME = "etcd-quorum";
    private static final String WHY = "without an etcd quorum no leader key can be renewed: primaries demote themselves";
    private static final String FIX = "etcdctl endpoint status --cluster -w table";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "etcd has a leader and healthy members / total (/v3/cluster/member/list) keep a majority";
    }

    @Override
    public boolean needsCluster() {
        return false;
    }

    @Override
    public List<Finding> run(Facts facts) {
        EtcdFacts etcd = facts.etcd();
        if (etcd.members() == null) {
            return List.of(Finding.critical(NAME, "no etcd endpoint listed the members: " + etcd.memberListError(), WHY, FIX));
        }
        int total = etcd.members().size();
        long healthy = etcd.members().stream()
                .filter(m -> etcd.endpointOf(m).filter(EtcdFacts.Endpoint::healthy).isPresent())
                .count();
        int quorum = total / 2 + 1;
        boolean leader = etcd.endpoints().stream().anyMatch(e -> e.healthy() && e.hasLeader());
        String counts = healthy + "/" + total + " etcd members healthy (quorum " + quorum + ")";
        if (!leader) {
            return List.of(Finding.critical(NAME, "no healthy etcd endpoint knows a leader; " + counts, WHY, FIX));
        }
        if (healthy < quorum) {
            return List.of(Finding.critical(NAME, counts + ": quorum lost", WHY, FIX));
        }
        if (healthy < total) {
            List<String> down = etcd.members().stream()
                    .filter(m -> etcd.endpointOf(m).filter(EtcdFacts.Endpoint::healthy).isEmpty())
                    .map(m -> m.name().isEmpty() ? m.id() : m.name()).toList();
            String margin = healthy - 1 < quorum ? "; one more failure loses quorum" : "";
            return List.of(Finding.warning(NAME, counts + ", down: " + String.join(", ", down) + margin, WHY,
                    "systemctl status etcd   # on the host of " + String.join(", ", down)));
        }
        return List.of(Finding.ok(NAME, counts + ", leader elected", WHY, FIX));
    }
}
