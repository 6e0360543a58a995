package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Each replica streams from its upstream and is not far behind the primary. */
final class ReplicationCheck implements Check {
    static final String NAME = "replication";
    private static final String WHY = "a lagging replica serves stale reads and is not promoted while past maximum_lag_on_failover";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "each replica streams and its lag stays within maximum_lag_on_failover and --lag-warning (critical past --lag-critical)";
    }

    @Override
    public List<Finding> run(Facts facts) {
        List<Finding> findings = new ArrayList<>();
        if (facts.leader().isEmpty()) {
            return List.of(Finding.warning(NAME, "no leader to measure lag against", WHY, facts.command("list")));
        }
        long maxLag = facts.maximumLagOnFailover();
        Thresholds limits = facts.thresholds();
        int replicas = 0;
        for (Member member : facts.cluster().members()) {
            if (facts.isLeader(member)) {
                continue;
            }
            replicas++;
            String fix = "pgha list " + facts.clusterName() + " -e; check " + member.name() + "'s PostgreSQL log";
            if (!facts.isRunning(member)) {
                findings.add(Finding.warning(NAME, member.name() + " does not run, so it does not replicate", WHY, fix));
                continue;
            }
            Optional<Long> lag = facts.lag(member);
            Optional<Boolean> streaming = streaming(facts, member);
            String lagText = lag.map(l -> "lag " + Bytes.format(l)).orElse("lag unknown");
            if (lag.isPresent() && lag.get() > limits.lagCritical()) {
                findings.add(Finding.critical(NAME, member.name() + " " + lagText + " > " + Bytes.format(limits.lagCritical())
                        + (streaming.orElse(true) ? "" : ", not streaming"), WHY, fix));
            } else if (lag.isPresent() && (lag.get() > maxLag || lag.get() > limits.lagWarning())) {
                long limit = Math.min(maxLag, limits.lagWarning());
                findings.add(Finding.warning(NAME, member.name() + " " + lagText + " > " + Bytes.format(limit)
                        + (lag.get() > maxLag ? " (maximum_lag_on_failover: not a failover candidate)" : "")
                        + (streaming.orElse(true) ? "" : ", not streaming"), WHY, fix));
            } else if (streaming.isPresent() && !streaming.get()) {
                findings.add(Finding.warning(NAME, member.name() + " is not streaming (" + lagText + ")", WHY, fix));
            } else {
                findings.add(Finding.ok(NAME, member.name() + " " + (streaming.orElse(false) ? "streaming, " : "") + lagText,
                        WHY, facts.command("list")));
            }
        }
        if (replicas == 0) {
            findings.add(Finding.warning(NAME, "no replicas", WHY, facts.command("list")));
        }
        return findings;
    }

    /** Streaming by the freshest witness: the replica's SQL, the primary's replication rows, the replica's own API. */
    private static Optional<Boolean> streaming(Facts facts, Member member) {
        Optional<SqlFacts> sql = facts.sql(member.name());
        if (sql.isPresent() && Boolean.TRUE.equals(sql.get().inRecovery())) {
            return Optional.of("streaming".equals(sql.get().receiverStatus()));
        }
        Optional<MemberApi> primary = facts.leader().flatMap(l -> facts.api(l.name())).filter(MemberApi::reachable)
                .filter(MemberApi::claimsPrimary);
        if (primary.isPresent()) {
            for (Map<?, ?> row : primary.get().replication()) {
                if (member.name().equals(row.get("application_name"))) {
                    return Optional.of("streaming".equals(row.get("state")));
                }
            }
            // a cascading replica streams from another replica, which the primary does not list
            boolean cascading = member.data().get("tags") instanceof Map<?, ?> tags && tags.get("replicatefrom") != null;
            if (!cascading) {
                return Optional.of(false);
            }
        }
        Optional<String> own = facts.api(member.name()).filter(MemberApi::reachable).flatMap(MemberApi::replicationState);
        return own.map("streaming"::equals);
    }
}
