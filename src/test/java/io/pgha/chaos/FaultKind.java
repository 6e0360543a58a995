package io.pgha.chaos;

/** The faults the suite injects, by the names its report uses. */
enum FaultKind {
    AGENT_KILL("kill -9 agent"),
    POSTMASTER_KILL("kill -9 postmaster"),
    NODE_KILL("kill -9 agent+postmaster"),
    AGENT_FREEZE("SIGSTOP agent > ttl"),
    ETCD_CUT("etcd cut from node"),
    QUORUM_LOSS("etcd quorum loss");

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
