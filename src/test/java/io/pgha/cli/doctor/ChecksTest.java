package io.pgha.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each check judged on facts built by hand: the severity and what the finding says. */
class ChecksTest {

    private static List<Finding> run(String check, Facts facts) {
        return Checks.run(List.of(Checks.named(check).orElseThrow()), facts);
    }

    private static Finding only(String check, Facts facts) {
        List<Finding> findings = run(check, facts);
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    private static Finding worst(String check, Facts facts) {
        List<Finding> findings = run(check, facts);
        Severity worst = Severity.worst(findings.stream().map(Finding::severity).toList());
        return findings.stream().filter(f -> f.severity() == worst).findFirst().orElseThrow();
    }

    private static void assertFinding(Severity severity, String text, Finding finding) {
        assertEquals(severity, finding.severity(), finding.toString());
        assertTrue(finding.summary().contains(text), "'" + text + "' not in " + finding.summary());
        assertTrue(!finding.why().isBlank() && !finding.fix().isBlank(), finding.toString());
    }

    @Test
    void aHealthyClusterGetsOnlyOkFindingsAndExitZero() {
        Report report = new Report("demo", Checks.run(Checks.ALL, FactsBuilder.healthy().sqlSkipped("no credentials").build()));
        assertEquals(Severity.OK, report.status(), report.findings().toString());
        assertEquals(0, report.exitCode());
        assertEquals(Checks.names(), report.findings().stream().map(Finding::check).distinct().toList());
    }

    @Test
    void oneEtcdMemberDownIsAWarningWithOneFailureToSpare() {
        EtcdFacts healthy = FactsBuilder.healthyEtcd(3);
        List<EtcdFacts.Endpoint> endpoints = new java.util.ArrayList<>(healthy.endpoints());
        endpoints.set(2, new EtcdFacts.Endpoint(endpoints.get(2).url(), false, "connection refused", null, null, null, List.of()));
        Facts facts = FactsBuilder.healthy().etcd(new EtcdFacts(endpoints, healthy.members(), null)).build();
        assertFinding(Severity.WARNING, "connection refused", only("etcd-endpoints", facts));
        assertFinding(Severity.WARNING, "2/3 etcd members healthy (quorum 2), down: etcd3; one more failure loses quorum",
                only("etcd-quorum", facts));
    }

    @Test
    void twoOfThreeEtcdMembersDownLoseQuorum() {
        EtcdFacts healthy = FactsBuilder.healthyEtcd(3);
        List<EtcdFacts.Endpoint> endpoints = new java.util.ArrayList<>(healthy.endpoints());
        for (int i = 1; i <= 2; i++) {
            endpoints.set(i, new EtcdFacts.Endpoint(endpoints.get(i).url(), false, "connection refused", null, null, null, List.of()));
        }
        Facts facts = FactsBuilder.healthy().etcd(new EtcdFacts(endpoints, healthy.members(), null)).build();
        assertFinding(Severity.CRITICAL, "1/3 etcd members healthy", only("etcd-quorum", facts));
    }

    @Test
    void etcdWithoutLeaderOrMemberListIsCritical() {
        EtcdFacts noLeader = new EtcdFacts(List.of(new EtcdFacts.Endpoint("http://e:2379", true, null, "1", "0", "3.4", List.of())),
                List.of(new EtcdFacts.EtcdMember("1", "e", List.of("http://e:2379"))), null);
        assertFinding(Severity.CRITICAL, "knows a leader", only("etcd-quorum", FactsBuilder.healthy().etcd(noLeader).build()));
        EtcdFacts none = new EtcdFacts(List.of(), null, "http://e:2379: connection refused");
        assertFinding(Severity.CRITICAL, "connection refused", only("etcd-quorum", FactsBuilder.healthy().etcd(none).build()));
    }

    @Test
    void noLeaderKeyIsCriticalUnlessPaused() {
        assertFinding(Severity.CRITICAL, "no member holds the leader key",
                only("leader", FactsBuilder.healthy().key("leader", null).build()));
        Facts paused = FactsBuilder.healthy().key("leader", null).config("{\"pause\": true}").build();
        assertFinding(Severity.WARNING, "paused", only("leader", paused));
    }

    @Test
    void aLeaderThatDoesNotAnswerOrDoesNotRunIsCritical() {
        assertFinding(Severity.CRITICAL, "leader node1 does not answer its REST API (connection refused)",
                only("leader", FactsBuilder.healthy().apiDown("node1", "connection refused").build()));
        Facts stopped = FactsBuilder.healthy().api("node1", "{\"state\": \"stopped\", \"role\": \"master\"}").build();
        assertFinding(Severity.CRITICAL, "leader node1 is stopped", only("leader", stopped));
        assertFinding(Severity.OK, "node1 holds the leader key and runs as master", only("leader", FactsBuilder.healthy().build()));
    }

    @Test
    void twoWritablePrimariesAreSplitBrain() {
        Facts byApi = FactsBuilder.healthy().api("node2", "{\"state\": \"running\", \"role\": \"primary\"}").build();
        assertFinding(Severity.CRITICAL, "2 writable primaries: node1, node2", only("split-brain", byApi));
        Facts bySql = FactsBuilder.healthy()
                .sql(new SqlFacts("node3", null, false, 150018L, 83886080L, null, null, List.of())).build();
        assertFinding(Severity.CRITICAL, "node3 (SQL)", only("split-brain", bySql));
        assertFinding(Severity.OK, "one writable primary: node1", only("split-brain", FactsBuilder.healthy().build()));
        Facts standby = FactsBuilder.healthy().api("node1", "{\"state\": \"running\", \"role\": \"standby_leader\"}").build();
        assertFinding(Severity.OK, "standby cluster", only("split-brain", standby));
    }

    @Test
    void aPausedClusterIsAWarningNamingResume() {
        Finding finding = only("pause", FactsBuilder.healthy().config("{\"pause\": true}").build());
        assertFinding(Severity.WARNING, "paused", finding);
        assertEquals("pgha resume demo", finding.fix());
    }

    @Test
    void replicaLagIsJudgedAgainstMaximumLagOnFailoverAndTheThresholds() {
        long leader = 83886080;
        Facts small = FactsBuilder.healthy().api("node2", FactsBuilder.replicaApi(leader - 2 * 1048576, 1)).build();
        assertFinding(Severity.WARNING, "node2 lag 2 MB > 1 MB (maximum_lag_on_failover: not a failover candidate)",
                worst("replication", small));
        Facts big = FactsBuilder.healthy().api("node1", "{\"state\": \"running\", \"role\": \"master\", \"xlog\": "
                + "{\"location\": " + (3L << 30) + "}, \"replication\": [{\"application_name\": \"node3\", \"state\": \"streaming\"}]}")
                .build();
        Finding critical = worst("replication", big);
        assertFinding(Severity.CRITICAL, "node2 lag 2.9 GB > 1 GB, not streaming", critical);
        Facts loose = FactsBuilder.healthy().config("{\"maximum_lag_on_failover\": 1073741824}")
                .api("node2", FactsBuilder.replicaApi(leader - 10 * 1048576, 1)).build();
        assertEquals(Severity.OK, worst("replication", loose).severity());
    }

    @Test
    void aReplicaThePrimaryDoesNotListIsNotStreaming() {
        Facts facts = FactsBuilder.healthy().api("node1", "{\"state\": \"running\", \"role\": \"master\", \"xlog\": "
                + "{\"location\": 83886080}, \"replication\": [{\"application_name\": \"node2\", \"state\": \"streaming\"}]}").build();
        assertFinding(Severity.WARNING, "node3 is not streaming", worst("replication", facts));
    }

    @Test
    void noMemberAbleToTakeOverIsCritical() {
        String tagged = "{\"api_url\": \"http://127.0.0.1:8102/patroni\", \"conn_url\": \"postgres://127.0.0.1:5532/postgres\", "
                + "\"role\": \"replica\", \"state\": \"running\", \"tags\": {\"nofailover\": true}}";
        Facts facts = FactsBuilder.healthy().member("node2", tagged).apiDown("node3", "timed out").build();
        assertFinding(Severity.CRITICAL, "0 members could take over; not: node2 (nofailover), node3 (not running)",
                only("failover-readiness", facts));
        assertFinding(Severity.OK, "2 members could take over: node2, node3", only("failover-readiness", FactsBuilder.healthy().build()));
    }

    @Test
    void timingThatLetsTheLeaderKeyExpireIsAWarning() {
        Facts facts = FactsBuilder.healthy().config("{\"ttl\": 30, \"loop_wait\": 10, \"retry_timeout\": 15}").build();
        Finding finding = only("timing", facts);
        assertFinding(Severity.WARNING, "ttl < loop_wait + 2*retry_timeout = 40", finding);
        assertEquals("pgha edit-config demo -s ttl=40", finding.fix());
        List<Finding> several = run("timing", FactsBuilder.healthy().config("{\"ttl\": 15, \"loop_wait\": 10, \"retry_timeout\": 2}").build());
        assertEquals(List.of("ttl < 2*loop_wait = 20", "ttl below Patroni's minimum of 20", "retry_timeout below 3"),
                several.stream().map(f -> f.summary().substring(f.summary().indexOf(": ") + 2)).toList());
    }

    @Test
    void inactiveSlotsOnThePrimaryAreReportedWithTheWalTheyRetain() {
        SqlFacts primary = new SqlFacts("node1", null, false, 150018L, 83886080L, 1L << 26, null, List.of(
                new SqlFacts.Slot("node2", "physical", true, 0L),
                new SqlFacts.Slot("lost", "physical", false, 50L << 20)));
        assertFinding(Severity.WARNING, "inactive slot lost on node1 retains 50 MB",
                only("slots", FactsBuilder.healthy().sql(primary).build()));
        SqlFacts huge = new SqlFacts("node1", null, false, 150018L, 83886080L, 1L << 26, null, List.of(
                new SqlFacts.Slot("lost", "physical", false, 2L << 30)));
        assertFinding(Severity.CRITICAL, "retains 2 GB", only("slots", FactsBuilder.healthy().sql(huge).build()));
        assertFinding(Severity.OK, "not checked: no credentials",
                only("slots", FactsBuilder.healthy().sqlSkipped("no credentials").build()));
    }

    @Test
    void sqlThatFailsDespiteCredentialsIsUnknownNotOk() {
        Facts facts = FactsBuilder.healthy().sql(SqlFacts.failed("node1", "password authentication failed")).build();
        assertFinding(Severity.UNKNOWN, "not checked: SQL on node1 failed: password authentication failed", only("slots", facts));
        assertEquals(Severity.UNKNOWN, only("wal-size", facts).severity());
    }

    @Test
    void aLargePgWalIsAWarningThenCritical() {
        SqlFacts warn = new SqlFacts("node2", null, true, 150018L, 83886080L, 3L << 30, "streaming", List.of());
        assertFinding(Severity.WARNING, "pg_wal on node2 is 3 GB > 2 GB", only("wal-size", FactsBuilder.healthy().sql(warn).build()));
        SqlFacts crit = new SqlFacts("node2", null, true, 150018L, 83886080L, 9L << 30, "streaming", List.of());
        assertFinding(Severity.CRITICAL, "> 8 GB", only("wal-size", FactsBuilder.healthy().sql(crit).build()));
    }

    @Test
    void pendingRestartAndTimelineMismatchAreWarnings() {
        Facts pending = FactsBuilder.healthy().api("node3", "{\"state\": \"running\", \"role\": \"replica\", \"pending_restart\": true}").build();
        assertFinding(Severity.WARNING, "restart pending on node3", only("pending-restart", pending));
        Facts behind = FactsBuilder.healthy().api("node3", FactsBuilder.replicaApi(83886080, 2)).build();
        assertFinding(Severity.WARNING, "node3 is on timeline 2, leader node1 on 1", only("timeline", behind));
    }

    @Test
    void synchronousModeWithoutASyncStandbyIsAWarningOrCriticalWhenStrict() {
        assertFinding(Severity.WARNING, "no running synchronous standby",
                only("sync", FactsBuilder.healthy().config("{\"synchronous_mode\": true}").build()));
        assertFinding(Severity.CRITICAL, "strict",
                only("sync", FactsBuilder.healthy().config("{\"synchronous_mode\": true, \"synchronous_mode_strict\": true}").build()));
        Facts named = FactsBuilder.healthy().config("{\"synchronous_mode\": true}")
                .key("sync", "{\"leader\": \"node1\", \"sync_standby\": \"node2\"}").build();
        assertFinding(Severity.OK, "synchronous standby: node2", only("sync", named));
    }

    @Test
    void versionSkewBetweenMembers() {
        Facts agents = FactsBuilder.healthy().member("node3", "{\"api_url\": \"http://127.0.0.1:8103/patroni\", "
                + "\"role\": \"replica\", \"state\": \"running\", \"version\": \"4.0.4\"}").build();
        assertFinding(Severity.WARNING, "agent versions differ: 3.0.2 on node1,node2; 4.0.4 on node3", only("versions", agents));
        Facts majors = FactsBuilder.healthy().api("node3", "{\"state\": \"running\", \"role\": \"replica\", \"server_version\": 140010}").build();
        assertFinding(Severity.CRITICAL, "PostgreSQL majors differ: 14.10 on node3; 15.18 on node1,node2", only("versions", majors));
        assertFinding(Severity.OK, "agent 3.0.2, PostgreSQL 15.18", only("versions", FactsBuilder.healthy().build()));
    }

    @Test
    void withoutTheClusterKeysClusterChecksAreUnknownAndTheExitIsThree() {
        Facts facts = new Facts("demo", null, "cannot read /service/demo/: etcd unreachable", FactsBuilder.healthyEtcd(1),
                java.util.Map.of(), java.util.Map.of(), null, Thresholds.DEFAULTS);
        Report report = new Report("demo", Checks.run(Checks.ALL, facts));
        assertEquals(3, report.exitCode(), report.findings().toString());
        assertFinding(Severity.UNKNOWN, "etcd unreachable", only("leader", facts));
    }

    @Test
    void exitCodesFollowTheMonitoringPluginConvention() {
        assertEquals(1, Severity.worst(List.of(Severity.OK, Severity.UNKNOWN, Severity.WARNING)).exitCode());
        assertEquals(2, Severity.worst(List.of(Severity.WARNING, Severity.CRITICAL, Severity.UNKNOWN)).exitCode());
        assertEquals(3, Severity.worst(List.of(Severity.OK, Severity.UNKNOWN)).exitCode());
        assertEquals(0, Severity.worst(List.of(Severity.OK)).exitCode());
    }
}
