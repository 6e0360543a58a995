package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.List;

/** Every member answers GET /patroni and runs. */
final class MembersCheck implements Check {
    static final String NAME = "members";
    private static final String WHY = "a member that does not answer or does not run cannot serve reads or take over";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "every member answers GET /patroni within the timeout and its PostgreSQL runs";
    }

    @Override
    public List<Finding> run(Facts facts) {
        List<Finding> findings = new ArrayList<>();
        List<Member> members = facts.cluster().members();
        if (members.isEmpty()) {
            return List.of(Finding.critical(NAME, "no member keys under " + facts.cluster().keyspace().prefix(),
                    "no agent is alive in this cluster", "systemctl status patroni   # on the cluster's hosts"));
        }
        for (Member member : members) {
            String fix = "pgha list " + facts.clusterName() + "; journalctl -u patroni   # on " + member.name();
            MemberApi api = facts.api(member.name()).orElse(null);
            if (api == null) {
                findings.add(Finding.warning(NAME, member.name() + " publishes no api_url", WHY, fix));
            } else if (!api.reachable()) {
                findings.add(Finding.warning(NAME, member.name() + " does not answer: " + api.error(), WHY, fix));
            } else if (!facts.isRunning(member)) {
                findings.add(Finding.warning(NAME, member.name() + " is " + api.state().orElse("in an unknown state"), WHY, fix));
            }
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(NAME, members.size() + " members answer and run", WHY, facts.command("list")));
        }
        return findings;
    }
}
