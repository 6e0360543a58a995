package io.pgha.ha;

import io.pgha.dcs.Member;
import io.pgha.ha.Action.StopMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data-directory checks (ha-loop.md §5.2): a node without data races for {@code /initialize} and
 * bootstraps, or clones from a member, or waits; a node with data must belong to this cluster; the
 * bootstrap winner finishes with post_bootstrap and takes the leader key.
 */
final class Bootstrapping {
    private Bootstrapping() {
    }

    /** Patroni's sysid sanity test: at least 10 digits (the high half is a Unix time). */
    static boolean validSysid(String sysid) {
        return sysid != null && sysid.length() >= 10 && sysid.chars().allMatch(Character::isDigit);
    }

    /** Step 8: the async bootstrap finished; run post_bootstrap, then take over the new cluster. */
    static Decision afterBootstrap(Situation s) {
        Boolean result = s.agent.bootstrapResult();
        if (!s.pg.running() || Boolean.FALSE.equals(result)) {
            return Decision.of("removing initialize key after failed attempt to bootstrap the cluster",
                    new Action.DeleteInitialize(), new Action.StopPostgres(StopMode.IMMEDIATE, false),
                    new Action.MoveDataDirectoryAside(), new Action.Fatal("Failed to bootstrap cluster", false));
        }
        if (result == null) {
            if (s.pg.inRecovery()) {
                return Decision.of("waiting for end of recovery after bootstrap");
            }
            return Decision.of("running post_bootstrap", new Action.SetRole(Role.PRIMARY), new Action.RunPostBootstrap());
        }
        if (!s.unlocked() && !s.viewSaysLeader()) {
            // Patroni puts the leader key unconditionally here; another holder means something went badly
            // wrong, and taking its key would make two primaries. Next cycle demotes this one instead.
            return Decision.of("not taking the leader key after bootstrap: " + s.leaderName() + " holds it",
                    new Action.FinishBootstrap());
        }
        List<Action> actions = new ArrayList<>();
        actions.add(new Action.FinishBootstrap());
        if (validSysid(s.pg.sysid())) {
            actions.add(new Action.WriteInitialize(s.pg.sysid(), s.cluster.initialize() == null));
        }
        actions.add(new Action.WriteConfig());
        actions.add(new Action.TakeLeaderKey());
        actions.add(new Action.MarkAnnounced());
        return Decision.of("initialized a new cluster", actions);
    }

    /** Step 10; null when the data directory is fine and the cycle goes on. */
    static Decision checkDataDirectory(Situation s) {
        DataDirectory directory = s.pg.dataDirectory();
        if (directory.needsData()) {
            return withoutData(s, directory == DataDirectory.INACCESSIBLE);
        }
        String sysid = s.pg.sysid();
        if (!validSysid(sysid)) {
            return Decision.of("data dir for the cluster is not empty, but system ID is invalid; consider doing reinitialize");
        }
        String initialize = s.cluster.initialize();
        if (validSysid(initialize)) {
            if (!initialize.equals(sysid)) {
                if (!s.paused()) {
                    String message = "system ID mismatch, node " + s.me + " belongs to a different cluster: "
                            + initialize + " != " + sysid;
                    return Decision.of(message, new Action.Fatal(message, false));
                }
                if (s.viewSaysLeader()) {
                    return Decision.of("released leader key voluntarily due to the system ID mismatch",
                            new Action.ReleaseLeaderLock(false));
                }
            }
        } else if (s.unlocked() && !s.paused() && !s.agent.announced()) {
            if (s.pg.running() && s.pg.inRecovery()) {
                String message = "No initialize key in DCS and PostgreSQL is running as replica, aborting start";
                return Decision.of(message, new Action.Fatal(message, true));
            }
            s.carry(new Action.WriteInitialize(sysid, initialize == null));
        }
        return null;
    }

    private static Decision withoutData(Situation s, boolean inaccessible) {
        List<Action> actions = new ArrayList<>();
        if (s.agent.role() != Role.UNINITIALIZED) {
            actions.add(new Action.SetRole(Role.UNINITIALIZED));
        }
        if (s.pg.running()) {
            actions.add(new Action.StopPostgres(StopMode.IMMEDIATE, false));
        }
        if (s.viewSaysLeader()) {
            actions.add(new Action.ReleaseLeaderLock(false));
            actions.add(new Action.PublishMember());
            return Decision.of("released leader key voluntarily as data dir "
                    + (inaccessible ? "not accessible" : "empty") + " and currently leader", actions);
        }
        if (inaccessible) {
            return Decision.of("data directory is not accessible: " + s.pg.dataDirectoryError(), actions);
        }
        if (s.paused()) {
            return Decision.of("running with empty data directory", actions);
        }
        return newNode(s, actions);
    }

    /** Patroni's bootstrap(): initialize race, clone from a member, clone without leader, or wait. */
    private static Decision newNode(Situation s, List<Action> before) {
        if (s.unlocked() && s.cluster.initialize() == null && !s.noFailover() && s.settings.hasBootstrapSection()) {
            LockResult race = s.outcomes.initializeRace();
            if (race == null) {
                return Decision.ask(new Action.TakeInitializeKey());
            }
            if (race == LockResult.SUCCEEDED) {
                if (s.global.standbyCluster()) {
                    return StandbyCluster.bootstrap(s, before);
                }
                return Decision.of("trying to bootstrap a new cluster", append(before, new Action.Bootstrap()));
            }
            return Decision.of("failed to acquire initialize lock", before);
        }
        Optional<Member> source = Upstream.cloneSource(s.cluster, s.me);
        List<String> methods = s.settings.cloneMethods().toTry(s.standby);
        if (!s.unlocked() && source.isPresent()) {
            boolean fromLeader = source.get().name().equals(s.leaderName());
            Action.CloneFrom clone = new Action.CloneFrom(Upstream.of(source.get()), fromLeader, methods);
            return Decision.of("trying to " + clone.taskName(), append(before, clone));
        }
        // "" is the lock of a bootstrap in progress: a restored backup must not race the new cluster
        if (s.settings.cloneMethods().workWithoutLeader(s.standby) && !"".equals(s.cluster.initialize())) {
            Upstream remote = s.standby.active() ? Upstream.remote(s.standby) : null;
            Action.CloneFrom clone = new Action.CloneFrom(remote, false, methods);
            return Decision.of("trying to " + clone.taskName(), append(before, clone));
        }
        return Decision.of("waiting for " + (s.global.standbyCluster() ? "standby_" : "") + "leader to bootstrap", before);
    }

    private static List<Action> append(List<Action> before, Action action) {
        List<Action> all = new ArrayList<>(before);
        all.add(action);
        return all;
    }
}
