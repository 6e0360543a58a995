package io.pgha.dcs;

/**
 * The {@code failover} key (keyspace.md §3.5): a pending manual switchover or failover. Fields are
 * null when absent; {@code member} is the candidate.
 */
public record Failover(String leader, String member, String scheduledAt, long modRevision) {

    public static final Failover NONE = new Failover(null, null, null, 0);

    /** The HA loop acts on the key only when it names a leader or a candidate. */
    public boolean isPresent() {
        return notEmpty(leader) || notEmpty(member);
    }

    public boolean isScheduled() {
        return isPresent() && notEmpty(scheduledAt);
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
