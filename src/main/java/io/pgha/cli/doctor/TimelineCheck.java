package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every member follows the leader's timeline. */
final class TimelineCheck implements Check {
    static final String NAME = "timeline";
    private static final String WHY = "a member on another timeline than the leader has diverged and cannot stream from it";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every running member is on the leader's timeline";
    }

    @Override
    public List<Finding> run(Facts facts) {
        Optional<Member> leader = facts.leader();
        Optional<Long> leaderTimeline = leader.flatMap(l -> timeline(facts, l));
        if (leaderTimeline.isEmpty()) {
            return List.of(Finding.warning(NAME, "the leader's timeline is not known", WHY, facts.command("history")));
        }
        List<Finding> findings = new ArrayList<>();
        for (Member member : facts.cluster().members()) {
            if (facts.isLeader(member) || !facts.isRunning(member)) {
                continue;
            }
            Optional<Long> own = timeline(facts, member);
            if (own.isPresent() && !own.get().equals(leaderTimeline.get())) {
                findings.add(Finding.warning(NAME, member.name() + " is on timeline " + own.get() + ", leader "
                        + leader.get().name() + " on " + leaderTimeline.get(), WHY,
                        "pgha reinit " + facts.clusterName() + " " + member.name() + "   # if it does not catch up"));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(NAME, "members on timeline " + leaderTimeline.get(), WHY, facts.command("history")));
        }
        return findings;
    }

    private static Optional<Long> timeline(Facts facts, Member member) {
        Optional<Long> fromApi = facts.api(member.name()).filter(MemberApi::reachable).flatMap(MemberApi::timeline);
        return fromApi.isPresent() ? fromApi : Optional.ofNullable(member.timeline()).map(Integer::longValue);
    }
}
