package io.pgha.ha;

import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.input;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningPrimary;
import static io.pgha.ha.Fixtures.runningReplica;
import static io.pgha.ha.World.world;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.HistoryEntry;
import io.pgha.ha.Action.AcquireLeaderLock;
import io.pgha.ha.Action.FetchPeerStatuses;
import io.pgha.ha.Action.Promote;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cluster lost its leader: who races, who wins, who follows (ha-loop.md §5.4, §6). */
class LeaderRaceTest {
    /** node1 was the leader; node2 (me) and node3 replicate from it. */
    private static final Cluster BEFORE = cluster().leader("node1")
            .members(primary("node1", 1000), replica("node2", 1000), replica("node3", 1000)).optime(1000).build();

    private static Cluster afterLeaderVanished(io.pgha.dcs.Member... members) {
        return cluster().members(members).optime(1000).build();
    }

    private static HaInput race(HaSettings me, LocalState local, Cluster now) {
        return HaInput.of(me, now, BEFORE, local, Fixtures.NOW);
    }

    private static HaInput race(LocalState local, Cluster now) {
        return race(HaSettings.of("node2"), local, now);
    }

    @Test
    void healthiestReplicaAsksItsPeersThenTakesTheLockAndPromotes() {
        World.Run run = world().peer(PeerStatus.replica("node3", 900, 1))
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node2", 1000), replica("node3", 900))));

        assertTrue(run.probes().get(0) instanceof FetchPeerStatuses);
        List<String> asked = ((FetchPeerStatuses) run.probes().get(0)).peers().stream()
                .map(FetchPeerStatuses.Peer::name).toList();
        assertEquals(List.of("node1", "node3"), asked, "the former leader is asked too, never myself");
        assertTrue(run.probes().get(1) instanceof AcquireLeaderLock);
        assertTrue(run.does(Promote.class));
        assertEquals("promoted self to leader by acquiring session lock", run.message());
        assertTrue(run.actions().get(run.actions().size() - 1) instanceof Action.PublishMember);
    }

    @Test
    void replicaBehindAPeerDoesNotRaceAndFollowsNobodyYet() {
        World.Run run = world().peer(PeerStatus.replica("node3", 1200, 1))
                .run(race(runningReplica(1000).upstream(Fixtures.upstream("node1")).build(),
                        afterLeaderVanished(replica("node2", 1000), replica("node3", 1200))));

        assertFalse(run.asked(AcquireLeaderLock.class));
        assertFalse(run.does(Promote.class));
        assertEquals("following a different leader because i am not the healthiest node", run.message());
        assertEquals(new Action.Follow(null, null), run.the(Action.Follow.class),
                "with no leader left the dead primary is dropped from primary_conninfo");
    }

    @Test
    void replicaWithNofailoverTagIsNeverPromoted() {
        HaSettings me = HaSettings.of("node2").withTags(Tags.NONE.withNoFailover(true)).withRewind(true, false, false);
        World.Run run = world().run(race(me, runningReplica(5000).rewindCapable(true).build(),
                afterLeaderVanished(replica("node2", 5000), replica("node3", 900))));

        assertTrue(run.probes().isEmpty(), "a nofailover node neither asks its peers nor races: " + run.probes());
        assertFalse(run.does(Promote.class));
        assertEquals("following a different leader because I am not allowed to promote", run.message());
        assertEquals(new Action.Wait(Duration.ofSeconds(2)), run.the(Action.Wait.class));
        assertEquals(new Action.SetRewindState(RewindState.CHECK), run.the(Action.SetRewindState.class),
                "it may be ahead of the winner, so its timeline is checked");
    }

    @Test
    void failoverPriorityZeroActsLikeNofailover() {
        HaSettings me = HaSettings.of("node2").withTags(Tags.NONE.withFailoverPriority(0));
        World.Run run = world().run(race(me, runningReplica(5000).build(), afterLeaderVanished(replica("node2", 5000))));

        assertFalse(run.asked(AcquireLeaderLock.class));
        assertEquals("following a different leader because I am not allowed to promote", run.message());
    }

    @Test
    void higherFailoverPriorityWinsAmongEquallyAdvancedReplicas() {
        PeerStatus preferred = PeerStatus.replica("node3", 1000, 1).withTags(Tags.NONE.withFailoverPriority(2));
        World.Run run = world().peer(preferred)
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node2", 1000), replica("node3", 1000))));

        assertFalse(run.asked(AcquireLeaderLock.class));
        assertEquals("following a different leader because i am not the healthiest node", run.message());
    }

    @Test
    void higherWalPositionBeatsHigherFailoverPriority() {
        PeerStatus behind = PeerStatus.replica("node3", 900, 1).withTags(Tags.NONE.withFailoverPriority(9));
        World.Run run = world().peer(behind)
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node2", 1000), replica("node3", 900))));

        assertTrue(run.does(Promote.class));
    }

    @Test
    void priorityOfTheFormerLeaderIsIgnored() {
        PeerStatus formerLeader = PeerStatus.replica("node1", 1000, 1).withTags(Tags.NONE.withFailoverPriority(5));
        World.Run run = world().peer(formerLeader)
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node1", 1000), replica("node2", 1000))));

        assertTrue(run.does(Promote.class), run.message());
    }

    @Test
    void replicaLaggingMoreThanMaximumLagOnFailoverDoesNotRace() {
        Cluster now = cluster().members(replica("node2", 1000)).optime(1000 + 1048577).build();
        World.Run run = world().run(race(runningReplica(1000).build(), now));

        assertTrue(run.probes().isEmpty(), "lag disqualifies before any peer is asked");
        assertEquals("following a different leader because i am not the healthiest node", run.message());
    }

    @Test
    void replicaWithinMaximumLagOnFailoverRaces() {
        Cluster now = cluster().members(replica("node2", 1000)).optime(1000 + 1048576).build();

        assertTrue(world().run(race(runningReplica(1000).build(), now)).does(Promote.class));
    }

    @Test
    void checkTimelineKeepsAReplicaOnAnOlderTimelineOut() {
        Cluster now = cluster().members(replica("node2", 1000)).config("check_timeline", true)
                .history(new HistoryEntry(1, 500, "no recovery target specified", null, null),
                        new HistoryEntry(2, 800, "no recovery target specified", null, null))
                .build();
        World.Run run = world().run(race(runningReplica(1000).timeline(2L).build(), now));

        assertFalse(run.asked(AcquireLeaderLock.class));

        Cluster withoutCheck = cluster().members(replica("node2", 1000))
                .history(new HistoryEntry(1, 500, "no recovery target specified", null, null),
                        new HistoryEntry(2, 800, "no recovery target specified", null, null))
                .build();
        assertTrue(world().run(race(runningReplica(1000).timeline(2L).build(), withoutCheck)).does(Promote.class),
                "without check_timeline the timeline does not matter");
    }

    @Test
    void aPeerStillRunningAsPrimaryStopsTheRace() {
        World.Run run = world().peer(PeerStatus.primary("node1", 1))
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node2", 1000))));

        assertFalse(run.asked(AcquireLeaderLock.class));
    }

    @Test
    void unreachablePeersDoNotBlockTheRace() {
        World.Run run = world().run(race(runningReplica(1000).build(),
                afterLeaderVanished(replica("node2", 1000), replica("node3", 5000))));

        assertTrue(run.does(Promote.class), "node1 and node3 did not answer: " + run.message());
    }

    @Test
    void peersThatCannotPromoteAreNotEvenAsked() {
        Cluster now = afterLeaderVanished(replica("node2", 1000), replica("node3", 5000, Map.of("nofailover", true)));
        Cluster before = cluster().leader("node1").members(primary("node1", 1000)).build();
        World.Run run = world().run(HaInput.of(HaSettings.of("node2"), now, before, runningReplica(1000).build(), Fixtures.NOW));

        List<String> asked = ((FetchPeerStatuses) run.probes().get(0)).peers().stream()
                .map(FetchPeerStatuses.Peer::name).toList();
        assertEquals(List.of("node1"), asked);
        assertTrue(run.does(Promote.class));
    }

    @Test
    void aPeerAheadWhoseWatchdogFailedIsIgnored() {
        World.Run run = world().peer(PeerStatus.replica("node3", 5000, 1).withWatchdogFailed(true))
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node2", 1000), replica("node3", 5000))));

        assertTrue(run.does(Promote.class));
    }

    @Test
    void replicaWhoseRequiredWatchdogIsUnusableNeverRaces() {
        World.Run run = world().peer(PeerStatus.replica("node3", 900, 1))
                .run(race(runningReplica(1000).watchdogFailed(true).build(),
                        afterLeaderVanished(replica("node2", 1000), replica("node3", 900))));

        assertFalse(run.asked(AcquireLeaderLock.class));
        assertFalse(run.does(Promote.class));
    }

    @Test
    void losingTheLockRaceMeansFollowing() {
        World.Run run = world().leaderAcquire(LockResult.FAILED)
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node2", 1000))));

        assertFalse(run.does(Promote.class));
        assertEquals("following new leader after trying and failing to obtain lock", run.message());
    }

    @Test
    void aDcsErrorWhileRacingIsTheDcsErrorPath() {
        World.Run run = world().leaderAcquire(LockResult.DCS_ERROR)
                .run(race(runningReplica(1000).build(), afterLeaderVanished(replica("node2", 1000))));

        assertEquals("DCS is not accessible", run.message());
        assertEquals(List.of(), run.actions(), "a replica keeps streaming and does not publish");
    }

    @Test
    void runningPrimaryWithoutKeyTakesItWithoutPromoting() {
        World.Run run = world().run(race(runningPrimary(1000).holdsLeaderKey(false).build(),
                afterLeaderVanished(primary("node2", 1000))));

        assertTrue(run.asked(AcquireLeaderLock.class));
        assertFalse(run.does(Promote.class));
        assertEquals("acquired session lock as a leader", run.message());
    }

    @Test
    void oldPrimaryFrozenWhileAnotherPromotedDoesNotTakeTheLock() {
        Cluster now = cluster().members(primary("node2", 1000))
                .history(new HistoryEntry(1, 500, "no recovery target specified", null, null),
                        new HistoryEntry(2, 800, "no recovery target specified", null, null))
                .build();
        World.Run run = world().run(race(runningPrimary(1000).timeline(1L).build(), now));

        assertFalse(run.asked(AcquireLeaderLock.class));
        assertEquals(Action.Demote.of(Action.DemoteMode.IMMEDIATE_NOLOCK), run.the(Action.Demote.class));
        assertEquals("demoting self because i am not the healthiest node", run.message());
    }

    @Test
    void postgresStillStartingDoesNotRace() {
        World.Run run = world().run(race(runningReplica(1000).state(PostgresState.STARTING).build(),
                afterLeaderVanished(replica("node2", 1000))));

        assertFalse(run.asked(AcquireLeaderLock.class));
    }

    @Test
    void inSynchronousModeOnlyMembersOfSyncRace() {
        Cluster now = cluster().config("synchronous_mode", true).sync("node1", List.of("node3"), 0)
                .members(replica("node2", 5000), replica("node3", 1000)).build();
        World.Run run = world().run(race(runningReplica(5000).build(), now));

        assertTrue(run.probes().isEmpty());
        assertFalse(run.does(Promote.class), "node2 is asynchronous and may have lost commits");
    }

    @Test
    void synchronousStandbyIgnoresTheFormerLeaderBeingAhead() {
        Cluster now = cluster().config("synchronous_mode", true).sync("node1", List.of("node2"), 0)
                .members(replica("node2", 1000), replica("node3", 9000)).build();
        World.Run run = world().peer(PeerStatus.replica("node1", 1200, 1)).peer(PeerStatus.replica("node3", 9000, 1))
                .run(race(runningReplica(1000).build(), now));

        List<String> asked = ((FetchPeerStatuses) run.probes().get(0)).peers().stream()
                .map(FetchPeerStatuses.Peer::name).toList();
        assertEquals(List.of("node1"), asked, "only /sync members are compared");
        assertTrue(run.does(Promote.class));
    }

    @Test
    void quorumModeNeedsEnoughVotes() {
        Cluster now = cluster().config("synchronous_mode", "quorum").sync("node1", List.of("node2", "node3", "node4"), 2)
                .members(replica("node2", 1000), replica("node3", 1000), replica("node4", 1000)).build();
        HaInput in = race(runningReplica(1000).build(), now);

        World.Run oneVote = world().peer(PeerStatus.replica("node3", 1000, 1)).run(in);
        assertFalse(oneVote.does(Promote.class), oneVote.message());

        World.Run twoVotes = world().peer(PeerStatus.replica("node3", 1000, 1)).peer(PeerStatus.replica("node4", 900, 1))
                .run(in);
        assertTrue(twoVotes.does(Promote.class), twoVotes.message());
    }
}
