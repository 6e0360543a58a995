package io.pgha.cli.doctor;

import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Members run the same agent version and the same PostgreSQL version. */
final class VersionsCheck implements Check {
    static final String NAME = "versions";
    private static final String WHY = "mixed versions behave differently on failover; mixed PostgreSQL majors cannot replicate";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "members publish the same Patroni/pgha version and run the same PostgreSQL version";
    }

    @Override
    public List<Finding> run(Facts facts) {
        Map<String, List<String>> agents = new TreeMap<>();
        Map<Long, List<String>> servers = new TreeMap<>();
        for (Member member : facts.cluster().members()) {
            String agent = member.version() != null ? member.version()
                    : facts.api(member.name()).flatMap(MemberApi::agentVersion).orElse(null);
            if (agent != null) {
                agents.computeIfAbsent(agent, k -> new ArrayList<>()).add(member.name());
            }
            Long server = facts.sql(member.name()).map(SqlFacts::serverVersion)
                    .or(() -> facts.api(member.name()).filter(MemberApi::reachable).flatMap(MemberApi::serverVersion))
                    .orElse(null);
            if (server != null) {
                servers.computeIfAbsent(server, k -> new ArrayList<>()).add(member.name());
            }
        }
        List<Finding> findings = new ArrayList<>();
        String fix = facts.command("list") + " -e; " + facts.command("version");
        if (agents.size() > 1) {
            findings.add(Finding.warning(NAME, "agent versions differ: " + describe(agents), WHY, fix));
        }
        TreeSet<Long> majors = new TreeSet<>();
        servers.keySet().forEach(v -> majors.add(v / 10000));
        if (majors.size() > 1) {
            findings.add(Finding.critical(NAME, "PostgreSQL majors differ: " + describe(servers), WHY, fix));
        } else if (servers.size() > 1) {
            findings.add(Finding.warning(NAME, "PostgreSQL versions differ: " + describe(servers), WHY, fix));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.ok(NAME, "agent " + String.join(",", agents.keySet()) + ", PostgreSQL "
                    + String.join(",", servers.keySet().stream().map(VersionsCheck::release).toList()), WHY, fix));
        }
        return findings;
    }

    /** server_version_num as people write it: 150018 is 15.18, 90624 is 9.6.24. */
    static String release(long number) {
        if (number >= 100000) {
            return number / 10000 + "." + number % 10000;
        }
        return number / 10000 + "." + number / 100 % 100 + "." + number % 100;
    }

    private static String describe(Map<?, List<String>> versions) {
        List<String> parts = new ArrayList<>();
        versions.forEach((version, names) -> parts.add((version instanceof Long number ? release(number) : version)
                + " on " + String.join(",", names)));
        return String.join("; ", parts);
    }
}
