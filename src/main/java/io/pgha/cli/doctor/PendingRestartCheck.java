package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.List;

/** Members whose changed settings wait for a restart. */
final class PendingRestartCheck implements Check {
    static final String NAME = "pending-restart";
    private static final String WHY = "settings changed in the configuration are not in effect until PostgreSQL restarts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "no member waits for a restart to apply changed settings";
    }

    @Override
    public List<Finding> run(Facts facts) {
        List<String> pending = new ArrayList<>();
        for (Member member : facts.cluster().members()) {
            boolean byApi = facts.api(member.name()).filter(MemberApi::reachable).filter(MemberApi::pendingRestart).isPresent();
            if (byApi || member.pendingRestart()) {
                pending.add(member.name());
            }
        }
        if (pending.isEmpty()) {
            return List.of(Finding.ok(NAME, "no restart pending", WHY, facts.command("list")));
        }
        return List.of(Finding.warning(NAME, "restart pending on " + String.join(", ", pending), WHY,
                facts.command("restart") + " --pending"));
    }
}
