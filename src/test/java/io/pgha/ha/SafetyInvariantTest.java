package io.pgha.ha;

import static io.pgha.ha.Fixtures.NOW;
import static io.pgha.ha.Fixtures.cluster;
import static io.pgha.ha.Fixtures.member;
import static io.pgha.ha.Fixtures.primary;
import static io.pgha.ha.Fixtures.replica;
import static io.pgha.ha.Fixtures.runningPrimary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.HistoryEntry;
import io.pgha.dcs.Member;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The split-brain invariant over many generated situations: no decision promotes, takes the leader key or
 * starts PostgreSQL as a primary while another member holds the leader key, and nothing promotes without a
 * lock confirmed in the same cycle.
 */
class SafetyInvariantTest {
    private static final CloneMethods RESTORE_WITHOUT_LEADER =
            new CloneMethods(List.of("restore", "basebackup"), java.util.Set.of("restore"));
    private static final String[] NAMES = {"node1", "node2", "node3"};
    private static final String ME = "node2";

    @Test
    void noGeneratedSituationPromotesWhileAnotherMemberHoldsTheLeaderKey() {
        Random random = new Random(20261125);
        int promotions = 0;
        int blocked = 0;
        for (int i = 0; i < 30_000; i++) {
            HaInput input = generate(random);
            String leader = input.cluster() == null || input.cluster().isUnlocked() ? null
                    : input.cluster().leader().name();
            Set<Class<?>> askedProbes = new HashSet<>();
            HaInput current = input;
            for (int step = 0; ; step++) {
                Situation situation = new Situation(current);
                Decision decision;
                try {
                    decision = HaDecider.route(situation);
                } catch (RuntimeException e) {
                    throw new AssertionError("decider failed on " + current, e);
                }
                String violation = SafetyGuard.violation(situation, decision.actions());
                if (violation != null) {
                    fail(violation + " in " + decision + " for " + current);
                }
                boolean promotes = decision.contains(Action.Promote.class) || decision.contains(Action.TakeLeaderKey.class)
                        || decision.contains(Action.AcquireLeaderLock.class);
                if (leader != null && !leader.equals(ME)) {
                    assertFalse(promotes, () -> decision + " while " + leader + " leads: " + input);
                    blocked++;
                }
                if (decision.contains(Action.Promote.class)) {
                    promotions++;
                }
                if (decision.isFinal()) {
                    break;
                }
                Action.Probe probe = decision.probe().orElseThrow();
                assertTrue(askedProbes.add(probe.getClass()) || probe instanceof Action.FetchPeerStatuses,
                        () -> "asked " + probe + " twice for " + input);
                assertTrue(step < 8, "too many probes for " + input);
                current = current.withOutcomes(answer(random, probe, current.outcomes()));
            }
        }
        assertTrue(promotions > 100, "the generator must reach promotions too, got " + promotions);
        assertTrue(blocked > 1000, "and situations led by another member, got " + blocked);
    }

    @Test
    void theGuardStripsAPromotionWhileAnotherMemberLeads() {
        Cluster ledByNode1 = cluster().leader("node1").members(primary("node1", 1), replica("node2", 1)).build();
        Situation s = new Situation(Fixtures.input(ME, ledByNode1, Fixtures.runningReplica(1).build()));
        Decision buggy = Decision.of("promoted self to leader by acquiring session lock", new Action.Promote(),
                new Action.PublishMember());

        Decision guarded = SafetyGuard.enforce(s, buggy);

        assertEquals(List.of(new Action.PublishMember()), guarded.actions());
        assertEquals("refused to promote while node1 holds the leader key (bug: promoted self to leader by acquiring"
                + " session lock)", guarded.message());
    }

    @Test
    void theGuardStripsAPromotionWithoutAConfirmedLock() {
        Cluster unlocked = cluster().members(replica("node2", 1)).build();
        Situation s = new Situation(Fixtures.input(ME, unlocked, Fixtures.runningReplica(1).build()));

        assertEquals("promote without a confirmed leader lock", SafetyGuard.violation(s, List.of(new Action.Promote())));
        Situation acquired = new Situation(Fixtures.input(ME, unlocked, Fixtures.runningReplica(1).build())
                .withOutcomes(Outcomes.NONE.withLeaderAcquire(LockResult.SUCCEEDED)));
        assertNull(SafetyGuard.violation(acquired, List.of(new Action.Promote())));
    }

    @Test
    void theGuardLetsTheRenewedLeaderRestartItsPrimary() {
        Cluster mine = cluster().leader("node2").members(primary("node2", 1)).build();
        Situation s = new Situation(Fixtures.input(ME, mine, runningPrimary(1).build())
                .withOutcomes(Outcomes.NONE.withLeaderUpdate(LockResult.SUCCEEDED)));

        assertNull(SafetyGuard.violation(s, List.of(new Action.StartPostgres(Role.PRIMARY, null, null, null, "x"))));
    }

    private static HaInput generate(Random r) {
        Fixtures.ClusterBuilder builder = cluster().optime(r.nextInt(5) * 1000L);
        int leaderChoice = r.nextInt(4);
        if (leaderChoice < 3) {
            builder.leader(NAMES[leaderChoice]);
        }
        for (String name : NAMES) {
            if (r.nextInt(5) == 0) {
                continue;
            }
            Map<String, Object> tags = r.nextInt(6) == 0 ? Map.of("nofailover", true) : Map.of();
            builder.members(member(name, r.nextBoolean() ? "primary" : "replica", r.nextBoolean() ? "running" : "stopped",
                    (long) r.nextInt(5) * 1000, 1 + r.nextInt(2), tags));
        }
        if (r.nextInt(4) == 0) {
            builder.paused();
        }
        if (r.nextInt(4) == 0) {
            builder.failover(r.nextBoolean() ? pick(r) : null, r.nextBoolean() ? pick(r) : null,
                    r.nextInt(3) == 0 ? NOW.plusSeconds(r.nextInt(60) - 30).toString() : null);
        }
        if (r.nextInt(4) == 0) {
            builder.config("synchronous_mode", r.nextBoolean() ? true : "quorum").sync(pick(r), List.of(pick(r)), r.nextInt(2));
        }
        if (r.nextInt(3) == 0) {
            builder.config("primary_start_timeout", r.nextInt(2) * 300);
        }
        if (r.nextInt(3) == 0) {
            builder.config("check_timeline", true).history(new HistoryEntry(1, 10, "x", null, null));
        }
        int initialize = r.nextInt(5);
        builder.initialize(initialize == 0 ? null : initialize == 1 ? "" : initialize == 2 ? "7000000000000000001"
                : Fixtures.SYSID);
        Cluster cluster = builder.build();

        LocalState.Builder local = LocalState.builder()
                .dataDirectory(DataDirectory.values()[r.nextInt(10) < 7 ? 2 : r.nextInt(4)])
                .sysid(r.nextInt(8) == 0 ? null : Fixtures.SYSID)
                .controlState(new String[] {"in production", "shut down", "in archive recovery", "in crash recovery",
                        null}[r.nextInt(5)])
                .running(r.nextInt(3) > 0)
                .state(new PostgresState[] {PostgresState.RUNNING, PostgresState.STARTING, PostgresState.STOPPED,
                        PostgresState.CRASHED}[r.nextInt(4)])
                .stateSince(NOW.minusSeconds(r.nextInt(600)))
                .inRecovery(r.nextBoolean())
                .timeline((long) 1 + r.nextInt(3))
                .walPosition((long) r.nextInt(5) * 1000)
                .rewindCapable(r.nextBoolean())
                .role(Role.values()[r.nextInt(Role.values().length)])
                .holdsLeaderKey(r.nextBoolean())
                .bootstrapping(r.nextInt(10) == 0)
                .bootstrapResult(new Boolean[] {null, true, false}[r.nextInt(3)])
                .recovering(r.nextInt(6) == 0)
                .crashRecoveryStartedAt(r.nextInt(5) == 0 ? NOW.minusSeconds(r.nextInt(600)) : null)
                .rewindState(RewindState.values()[r.nextInt(RewindState.values().length)])
                .announced(r.nextBoolean())
                .shuttingDown(r.nextInt(20) == 0);
        if (r.nextInt(6) == 0) {
            AsyncTask.Kind kind = AsyncTask.Kind.values()[r.nextInt(AsyncTask.Kind.values().length)];
            local.task(new AsyncTask(kind.name().toLowerCase(), kind, NOW.minusSeconds(r.nextInt(600)), r.nextBoolean()));
        }
        Tags tags = r.nextInt(5) == 0 ? Tags.NONE.withNoFailover(true)
                : r.nextInt(5) == 0 ? Tags.NONE.withFailoverPriority(r.nextInt(3)) : Tags.NONE;
        HaSettings settings = HaSettings.of(ME).withTags(tags)
                .withRewind(r.nextBoolean(), r.nextBoolean(), r.nextBoolean()).withBootstrap(r.nextBoolean())
                .withCloneMethods(r.nextBoolean() ? RESTORE_WITHOUT_LEADER : CloneMethods.DEFAULT);
        if (r.nextInt(15) == 0) {
            return HaInput.dcsUnreachable(settings, "etcd: timeout", local.build(), NOW);
        }
        List<Member> former = new ArrayList<>(cluster.members());
        Cluster lastLocked = r.nextBoolean() ? cluster().leader(pick(r)).members(former.toArray(Member[]::new)).build() : null;
        return HaInput.of(settings, cluster, lastLocked, local.build(), NOW);
    }

    private static Outcomes answer(Random r, Action.Probe probe, Outcomes outcomes) {
        LockResult lock = LockResult.values()[r.nextInt(10) < 6 ? 0 : r.nextInt(3)];
        if (probe instanceof Action.UpdateLeaderLock) {
            return outcomes.withLeaderUpdate(lock);
        }
        if (probe instanceof Action.AcquireLeaderLock) {
            return outcomes.withLeaderAcquire(lock);
        }
        if (probe instanceof Action.TakeInitializeKey) {
            return outcomes.withInitializeRace(lock);
        }
        if (probe instanceof Action.CheckDivergence) {
            return outcomes.withDivergence(Divergence.values()[r.nextInt(3)]);
        }
        List<PeerStatus> statuses = new ArrayList<>();
        for (Action.FetchPeerStatuses.Peer peer : ((Action.FetchPeerStatuses) probe).peers()) {
            int kind = r.nextInt(4);
            statuses.add(kind == 0 ? PeerStatus.unreachable(peer.name()) : kind == 1 ? PeerStatus.primary(peer.name(), 1)
                    : PeerStatus.replica(peer.name(), r.nextInt(5) * 1000L, 1 + r.nextInt(2)));
        }
        return outcomes.withPeers(statuses);
    }

    private static String pick(Random r) {
        return NAMES[r.nextInt(NAMES.length)];
    }
}
