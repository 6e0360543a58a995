package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.member;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningPrimary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.HistoryEntry;
import io.pgha.dcs.Member;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Is a failover possible?" (ha-loop.md §6.4), as the leader, the demote and the shutdown use it. */
class CandidateRankingTest {
    private static CandidateRanking ranking(Cluster cluster, PeerStatus... peers) {
        Map<String, PeerStatus> statuses = new java.util.LinkedHashMap<>();
        for (PeerStatus peer : peers) {
            statuses.put(peer.name(), peer);
        }
        return new CandidateRanking(cluster, HaSettings.of("node1"), runningPrimary(5000).build(),
                ClusterSettings.from(cluster.config()), statuses);
    }

    private static List<String> names(List<Member> members) {
        return members.stream().map(Member::name).toList();
    }

    private static final Cluster THREE = cluster().leader("node1").optime(5000)
            .members(primary("node1", 5000), replica("node2", 5000), replica("node3", 5000)).build();

    @Test
    void statusesThatAreMissingAreAskedForFirst() {
        Verdict verdict = ranking(THREE).failoverPossible(0, false);

        assertTrue(verdict.isUndecided());
        assertEquals(List.of("node2", "node3"), verdict.missing().stream().map(Action.FetchPeerStatuses.Peer::name).toList());
    }

    @Test
    void oneHealthyReplicaMakesAFailoverPossible() {
        assertTrue(ranking(THREE, PeerStatus.unreachable("node2"), PeerStatus.replica("node3", 4990, 1))
                .failoverPossible(0, false).isYes());
    }

    @Test
    void noHealthyReplicaMeansNoFailover() {
        Verdict verdict = ranking(THREE, PeerStatus.unreachable("node2"),
                PeerStatus.replica("node3", 4990, 1).withTags(Tags.NONE.withNoFailover(true)))
                .failoverPossible(0, false);

        assertFalse(verdict.isYes());
        assertEquals(List.of("Member node2 is not reachable", "Member node3 is not allowed to promote"), verdict.reasons());
    }

    @Test
    void shutdownCheckpointMustHaveReachedTheCandidateForAnEarlyRelease() {
        CandidateRanking ranking = ranking(THREE, PeerStatus.replica("node2", 5000, 1), PeerStatus.replica("node3", 5100, 1));

        assertTrue(ranking.failoverPossible(5100, false).isYes());
        CandidateRanking behind = ranking(THREE, PeerStatus.replica("node2", 5000, 1), PeerStatus.replica("node3", 5099, 1));
        assertFalse(behind.failoverPossible(5100, false).isYes(), "a replica short of the checkpoint would lose data");
    }

    @Test
    void replicasOnAnOlderTimelineDoNotCountWithCheckTimeline() {
        Cluster checked = cluster().leader("node1").config("check_timeline", true)
                .history(new HistoryEntry(1, 100, "no recovery target specified", null, null))
                .members(primary("node1", 5000), replica("node2", 5000)).optime(5000).build();

        assertFalse(ranking(checked, PeerStatus.replica("node2", 5000, 1)).failoverPossible(0, false).isYes());
        assertTrue(ranking(checked, PeerStatus.replica("node2", 5000, 2)).failoverPossible(0, false).isYes());
    }

    @Test
    void nofailoverMembersAndMembersWithoutApiAreNoCandidates() {
        Member noApi = new Member("node4", 1, 7, "postgres://node4:5432/postgres", null, "running", "replica", "4.1.4",
                null, Map.of(), false, null, 5000L, null, null, null, 1, null, false, null, null);
        Cluster cluster = cluster().leader("node1").members(primary("node1", 5000),
                replica("node2", 5000, Map.of("nofailover", true)), replica("node3", 5000), noApi).build();

        assertEquals(List.of("node3"), names(ranking(cluster).failoverCandidates(false)));
    }

    @Test
    void aNamedCandidateIsTheOnlyOneCheckedUnlessExcluded() {
        Cluster cluster = cluster().leader("node1").failover("node1", "node3", null)
                .members(primary("node1", 5000), replica("node2", 5000), replica("node3", 5000)).build();

        assertEquals(List.of("node3"), names(ranking(cluster).failoverCandidates(false)));
        assertEquals(List.of("node2"), names(ranking(cluster).failoverCandidates(true)));
    }

    @Test
    void inSynchronousModeOnlySyncStandbysAreSwitchoverCandidates() {
        Cluster sync = cluster().leader("node1").config("synchronous_mode", true).sync("node1", List.of("node3"), 0)
                .failover("node1", null, null)
                .members(primary("node1", 5000), replica("node2", 5000), replica("node3", 5000)).build();
        Cluster manualFailover = cluster().leader("node1").config("synchronous_mode", true)
                .sync("node1", List.of("node3"), 0).failover(null, "node2", null)
                .members(primary("node1", 5000), replica("node2", 5000), replica("node3", 5000)).build();

        assertEquals(List.of("node3"), names(ranking(sync).failoverCandidates(false)));
        assertEquals(List.of("node2"), names(ranking(manualFailover).failoverCandidates(false)),
                "a manual failover may go to an asynchronous node");
    }

    @Test
    void stoppedMembersWithoutApiUrlAreNeverAsked() {
        Cluster cluster = cluster().leader("node1")
                .members(primary("node1", 5000), member("node2", "replica", "stopped", null, null, Map.of())).build();

        assertEquals(List.of("node2"), names(ranking(cluster).failoverCandidates(false)),
                "a stopped member with an api_url is still asked; its status decides");
        assertFalse(ranking(cluster, PeerStatus.unreachable("node2")).failoverPossible(0, false).isYes());
    }
}
