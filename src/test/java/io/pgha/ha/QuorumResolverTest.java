package io.pgha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pgha.ha.QuorumResolver.Kind;
import io.pgha.ha.QuorumResolver.State;
import io.pgha.ha.QuorumResolver.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class QuorumResolverTest {

    private static Set<String> set(String... names) {
        return StandbyNames.names(List.of(names));
    }

    private static String shape(List<Transition> transitions) {
        StringBuilder text = new StringBuilder();
        for (Transition t : transitions) {
            text.append(t.kind()).append(' ').append(t.leader()).append(' ').append(t.num()).append(' ')
                    .append(t.names()).append("; ");
        }
        return text.toString().trim();
    }

    @Test
    void newStandbysAreNamedFirstAndBecomeVotersOnceConfirmed() {
        List<Transition> first = QuorumResolver.resolve(new State("n1", 0, set(), 0, set(), 0, set("n2", "n3"), 1, "n1"));
        assertEquals("SYNC n1 1 [n2, n3]; RESTART n1 0 [];", shape(first));
        List<Transition> second = QuorumResolver.resolve(new State("n1", 0, set(), 1, set("n2", "n3"), 2, set("n2", "n3"), 1, "n1"));
        assertEquals("QUORUM n1 1 [n2, n3];", shape(second));
        assertEquals(List.of(), QuorumResolver.resolve(new State("n1", 1, set("n2", "n3"), 1, set("n2", "n3"), 2, set("n2", "n3"), 1, "n1")));
    }

    @Test
    void afterAFailoverTheFormerLeaderBecomesAVoterAndGoneNodesLeaveSafely() {
        List<Transition> t = QuorumResolver.resolve(new State("n1", 1, set("n2", "n3"), 1, set("n1", "n3"), 1, set("n3"), 1, "n2"));
        assertEquals("QUORUM n2 1 [n1, n3]; SYNC n2 1 [n3]; QUORUM n2 0 [n3];", shape(t));
    }

    @Test
    void afterAFailoverNobodyIsDroppedWhileNoListedStandbyStreamsYet() {
        List<Transition> t = QuorumResolver.resolve(new State("n1", 1, set("n2", "n3"), 1, set("n1", "n3"), 0, set(), 1, "n2"));
        assertEquals("QUORUM n2 1 [n1, n3];", shape(t));
    }

    @Test
    void raisingTheReplicationFactorRaisesTheSettingBeforeLoweringTheQuorum() {
        List<Transition> t = QuorumResolver.resolve(new State("n1", 1, set("n2", "n3"), 1, set("n2", "n3"), 2, set("n2", "n3"), 2, "n1"));
        assertEquals(Kind.SYNC, t.get(0).kind());
        assertEquals(2, t.get(0).num());
        assertEquals(Kind.QUORUM, t.get(1).kind());
        assertEquals(0, t.get(1).num());
    }

    @Test
    void loweringTheReplicationFactorRaisesTheQuorumBeforeLoweringTheSetting() {
        List<Transition> t = QuorumResolver.resolve(new State("n1", 0, set("n2", "n3"), 2, set("n2", "n3"), 2, set("n2", "n3"), 1, "n1"));
        assertEquals("QUORUM n1 1 [n2, n3]; SYNC n1 1 [n2, n3];", shape(t));
    }

    @Test
    void losingEveryStandbyEmptiesVotersBeforeTheSetting() {
        List<Transition> t = QuorumResolver.resolve(new State("n1", 1, set("n2", "n3"), 1, set("n2", "n3"), 0, set(), 1, "n1"));
        assertEquals("QUORUM n1 0 []; SYNC n1 0 [];", shape(t));
    }

    @Test
    void aBrokenStateIsRepairedFromTheSetting() {
        // voters name a node the setting does not: rebuilt from synchronous_standby_names
        List<Transition> t = QuorumResolver.resolve(new State("n1", 0, set("n4"), 1, set("n2"), 1, set("n2"), 1, "n1"));
        assertEquals(Kind.QUORUM, t.get(0).kind());
        assertEquals(set("n2"), t.get(0).names());
    }

    @Test
    void anImpossibleStepFails() {
        assertThrows(QuorumResolver.QuorumError.class,
                () -> QuorumResolver.resolve(new State("n1", 0, set("n2", "n3"), 0, set("n2", "n3"), 2, set("n2", "n3"), 1, "n1")));
    }

    @Test
    void aNodeJoiningWhileTheFactorGrowsGetsTheSafePartDoneFirst() {
        // Patroni 4.1.4 raises here every cycle; the safe first step is taken and the next run finishes
        List<Transition> t = QuorumResolver.resolve(new State("n1", 1, set("n2", "n3"), 1, set("n2", "n3"), 2,
                set("n2", "n3", "n5"), 3, "n1"));
        assertEquals("SYNC n1 2 [n2, n3, n5];", shape(t));
    }

    /** The model of /sync and synchronous_standby_names the transitions are applied to. */
    private static final class Model {
        String leader = "n1";
        int quorum;
        TreeSet<String> voters = StandbyNames.names();
        int numsync;
        TreeSet<String> sync = StandbyNames.names();

        void apply(Transition t) {
            if (t.kind() == Kind.QUORUM) {
                leader = t.leader();
                quorum = t.num();
                voters = StandbyNames.names(t.names());
            } else if (t.kind() == Kind.SYNC) {
                numsync = t.num();
                sync = StandbyNames.names(t.names());
            }
        }

        /**
         * Every set of standbys that can acknowledge a commit (numsync of sync) overlaps every set of voters a
         * race needs (all but quorum of voters ∪ leader), unless nobody votes yet.
         */
        void assertSafe(String context) {
            if (voters.isEmpty()) {
                return;
            }
            TreeSet<String> all = StandbyNames.names(voters);
            all.add(leader);
            all.addAll(sync);
            assertTrue(all.size() <= quorum + numsync + 1, context + ": " + this);
        }

        @Override
        public String toString() {
            return "leader " + leader + " quorum " + quorum + " voters " + voters + " numsync " + numsync + " sync " + sync;
        }
    }

    @Test
    void randomChangesOfStandbysAndReplicationFactorStaySafeAndConverge() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> nodes = List.of("n2", "n3", "n4", "n5");
        for (int run = 0; run < 300; run++) {
            Model m = new Model();
            int wanted = 1;
            for (int change = 0; change < 6; change++) {
                TreeSet<String> active = StandbyNames.names();
                for (String n : nodes) {
                    if (random.nextInt(3) > 0) {
                        active.add(n);
                    }
                }
                wanted = 1 + random.nextInt(3);
                for (int round = 0; round < 8; round++) {
                    TreeSet<String> listedActive = StandbyNames.names(m.sync);
                    listedActive.retainAll(active);
                    State state = new State(m.leader, m.quorum, new ArrayList<>(m.voters),
                            m.numsync, new ArrayList<>(m.sync), listedActive.size(), new ArrayList<>(active), wanted, "n1");
                    List<Transition> transitions;
                    try {
                        transitions = QuorumResolver.resolve(state);
                    } catch (QuorumResolver.QuorumError e) {
                        throw new AssertionError(state + ": " + e.getMessage(), e);
                    }
                    if (transitions.isEmpty()) {
                        break;
                    }
                    for (Transition t : transitions) {
                        m.apply(t);
                        m.assertSafe("run " + run + " change " + change + " after " + t);
                    }
                }
                assertEquals(active, m.sync, "run " + run + ": " + m);
                if (!active.isEmpty()) {
                    assertEquals(active, m.voters, "run " + run + ": " + m);
                    assertEquals(Math.min(wanted, active.size()), m.numsync, "run " + run + ": " + m);
                    assertEquals(active.size() - m.numsync, m.quorum, "run " + run + ": " + m);
                } else {
                    assertEquals(0, m.quorum);
                    assertTrue(m.voters.isEmpty());
                }
            }
        }
    }
}
