package io.pgha.cli.doctor;

import java.util.ArrayList;
import java.util.List;

/** Every etcd endpoint answers GET /health as healthy and reports no alarm. */
final class EtcdEndpointsCheck implements Check {
    static final String NAME = "etcd-endpoints";
    private static final String WHY = "an unhealthy etcd endpoint makes clients and agents that use it time out";
    private static final String FIX = "etcdctl --endpoints=URL endpoint health";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every etcd endpoint answers GET /health as healthy and /v3/maintenance/status without errors";
    }

    @Override
    public boolean needsCluster() {
        return false;
    }

    @Override
    public List<Finding> run(Facts facts) {
        List<Finding> findings = new ArrayList<>();
        List<EtcdFacts.Endpoint> endpoints = facts.etcd().endpoints();
        for (EtcdFacts.Endpoint endpoint : endpoints) {
            String fix = FIX.replace("URL", endpoint.url());
            if (!endpoint.healthy()) {
                findings.add(Finding.warning(NAME, "etcd at " + endpoint.url() + " is not healthy: "
                        + (endpoint.error() == null ? "health false" : endpoint.error()), WHY, fix));
            } else if (!endpoint.errors().isEmpty()) {
                findings.add(Finding.warning(NAME, "etcd at " + endpoint.url() + " reports: "
                        + String.join("; ", endpoint.errors()), WHY, fix));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(NAME, endpoints.size() + " of " + endpoints.size() + " etcd endpoints healthy",
                    WHY, "etcdctl endpoint health --cluster"));
        }
        return findings;
    }
}
