package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.List;

/** No more than one member is writable (REST role primary, or pg_is_in_recovery() false). */
final class PrimariesCheck implements Check {
    static final String NAME = "split-brain";
    private static final String WHY = "two writable primaries diverge: writes on the wrong one are lost";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "at most one member is a writable primary, by REST role and by pg_is_in_recovery() (critical)";
    }

    @Override
    public List<Finding> run(Facts facts) {
        List<String> writable = new ArrayList<>();
        for (Member member : facts.cluster().members()) {
            boolean byApi = facts.api(member.name()).filter(MemberApi::reachable).filter(MemberApi::claimsPrimary).isPresent();
            boolean bySql = facts.sql(member.name()).filter(s -> Boolean.FALSE.equals(s.inRecovery())).isPresent();
            if (byApi || bySql) {
                boolean sqlDisagrees = byApi && facts.sql(member.name()).isPresent();
                writable.add(member.name() + (!byApi ? " (SQL)" : sqlDisagrees && !bySql ? " (REST)" : ""));
            }
        }
        String investigate = facts.command("list");
        if (writable.size() > 1) {
            return List.of(Finding.critical(NAME, writable.size() + " writable primaries: " + String.join(", ", writable),
                    WHY, "pgha query " + facts.clusterName() + " -m MEMBER -c 'SELECT pg_is_in_recovery()'; stop the one "
                            + "without the leader key"));
        }
        boolean standbyCluster = facts.leader().flatMap(l -> facts.api(l.name())).filter(MemberApi::reachable)
                .flatMap(MemberApi::role).filter("standby_leader"::equals).isPresent();
        if (writable.isEmpty() && standbyCluster) {
            return List.of(Finding.ok(NAME, "standby cluster: no member is writable", WHY, investigate));
        }
        if (writable.isEmpty()) {
            return List.of(Finding.warning(NAME, "no member reports itself a writable primary", WHY, investigate));
        }
        String name = writable.get(0).split(" ")[0];
        if (facts.leader().filter(l -> l.name().equals(name)).isEmpty() && facts.cluster().member(name).isPresent()) {
            return List.of(Finding.critical(NAME, name + " is writable but does not hold the leader key", WHY, investigate));
        }
        return List.of(Finding.ok(NAME, "one writable primary: " + name, WHY, investigate));
    }
}
