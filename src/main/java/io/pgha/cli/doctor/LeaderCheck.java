package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.List;
import java.util.Optional;

/** The leader key exists and its holder runs as primary by its own account. */
final class LeaderCheck implements Check {
    static final String NAME = "leader";
    private static final String WHY = "without a running leader nobody accepts writes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the leader key exists and its holder answers its REST API, running as primary";
    }

    @Override
    public List<Finding> run(Facts facts) {
        String investigate = facts.command("list");
        Optional<Member> leader = facts.leader();
        if (leader.isEmpty()) {
            String summary = "no member holds the leader key";
            if (facts.cluster().isPaused()) {
                return List.of(Finding.warning(NAME, summary + " (paused: nobody will take it automatically)", WHY,
                        facts.command("resume")));
            }
            return List.of(Finding.critical(NAME, summary + ": a failover is under way or no member can lead", WHY,
                    investigate));
        }
        Member member = leader.get();
        if (facts.cluster().member(member.name()).isEmpty()) {
            return List.of(Finding.critical(NAME, "the leader key names " + member.name() + ", which has no member key",
                    WHY, investigate));
        }
        MemberApi api = facts.api(member.name()).orElse(null);
        if (api != null && !api.reachable()) {
            return List.of(Finding.critical(NAME, "leader " + member.name() + " does not answer its REST API ("
                    + api.error() + "); its key lives until the ttl ends", WHY, investigate));
        }
        String state = api != null ? api.state().orElse("unknown") : String.valueOf(member.state());
        String role = api != null ? api.role().orElse("unknown") : String.valueOf(member.role());
        if (!"running".equals(state)) {
            return List.of(Finding.critical(NAME, "leader " + member.name() + " is " + state, WHY, investigate));
        }
        if (!List.of("master", "primary", "standby_leader").contains(role)) {
            return List.of(Finding.critical(NAME, "leader " + member.name() + " runs as " + role + ", not as primary",
                    WHY, investigate));
        }
        return List.of(Finding.ok(NAME, member.name() + " holds the leader key and runs as " + role, WHY, investigate));
    }
}
