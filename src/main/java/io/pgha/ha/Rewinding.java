package io.pgha.ha;

import io.pgha.dcs.Member;
import java.util.Optional;

/**
 * Acting on a timeline divergence from the leader (ha-loop.md §12): run the armed check, then
 * pg_rewind when usable, else re-initialise when {@code remove_data_directory_on_diverged_timelines}.
 */
final class Rewinding {
    private Rewinding() {
    }

    /** A decision when a rewind, re-initialisation or the check itself is due; null otherwise. */
    static Decision ifNeeded(Situation s) {
        if (s.global.standbyCluster()) {
            // the source would be the remote primary (ha-loop.md §21): not supported, a standby cluster never rewinds
            return null;
        }
        Optional<Member> leader = s.leaderMember()
                .filter(m -> !m.name().equals(s.me) && Situation.notEmpty(m.connUrl()));
        if (leader.isEmpty()) {
            return null;
        }
        if (s.rewind.state() == RewindState.CHECK) {
            Divergence divergence = s.outcomes.divergence();
            if (divergence == null) {
                return Decision.ask(new Action.CheckDivergence(leader.get().name()));
            }
            s.rewind.record(divergence);
        }
        if (s.rewind.state() != RewindState.NEED) {
            return null;
        }
        String name = leader.get().name();
        if (s.rewindUsable()) {
            if (!s.pg.running() && "in archive recovery".equals(s.pg.controlState())) {
                Decision recovery = Recovery.crashRecovery(s);
                if (recovery != null) {
                    return recovery;
                }
            }
            boolean remove = s.settings.removeDataDirectoryOnRewindFailure()
                    || s.settings.removeDataDirectoryOnDivergedTimelines();
            return Decision.of("running pg_rewind from " + name, new Action.RewindFrom(name, remove));
        }
        if (s.settings.removeDataDirectoryOnDivergedTimelines()) {
            String source = Upstream.cloneSource(s.cluster, s.me).map(Member::name).orElse(name);
            return Decision.of("reinitializing due to diverged timelines", new Action.Reinitialize(source,
                    s.settings.cloneMethods().toTry(s.standby)));
        }
        return null;
    }
}
