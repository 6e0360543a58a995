package io.pgha.ha;

import java.time.Duration;
import java.util.List;

/**
 * One step the agent loop executes. A {@link Decision} lists them in the order they must run; the loop
 * stops at the first one that fails and decides again next cycle.
 *
 * <p>Three families: {@link Probe}s (do this now and tell me the outcome before I decide), effects on the
 * DCS or PostgreSQL, and updates of the agent's own memory ({@link LocalState.Agent}).
 */
public sealed interface Action {

    /**
     * An operation whose outcome the decision needs. A decision that contains a probe contains nothing
     * else; the loop executes it, records the answer in {@link Outcomes} and calls the decider again
     * with the same inputs. The decider never asks the same probe twice in one cycle.
     */
    sealed interface Probe extends Action {
    }

    // ---- probes -------------------------------------------------------------------------------------

    /**
     * Renew the leader lock (ha-loop.md §2.3 "update leader"): force the lease keep-alive and, if the
     * key carries another lease, re-attach it by compare-on-value. Bounded by
     * {@link Timings#leaderUpdateBudget}. Answer in {@link Outcomes#leaderUpdate()}.
     */
    record UpdateLeaderLock() implements Probe {
    }

    /** Leader race: create the leader key with my lease if absent. Answer in {@link Outcomes#leaderAcquire()}. */
    record AcquireLeaderLock() implements Probe {
    }

    /** Initialize race: create {@code /initialize} with an empty value if absent. Answer in {@link Outcomes#initializeRace()}. */
    record TakeInitializeKey() implements Probe {
    }

    /**
     * GET each member's api_url in parallel, 2 s timeout, no retry; every name asked for must get a
     * status, {@link PeerStatus#unreachable} when the request fails. Answer in {@link Outcomes#peers()}.
     */
    record FetchPeerStatuses(List<Peer> peers) implements Probe {
        public FetchPeerStatuses {
            peers = List.copyOf(peers);
        }

        public record Peer(String name, String apiUrl) {
        }
    }

    /**
     * Compare my timeline and LSN with the history of {@code leader} (ha-loop.md §12.2). Answer in
     * {@link Outcomes#divergence()}.
     */
    record CheckDivergence(String leader) implements Probe {
    }

    /**
     * Failsafe mode on a DCS error (ha-loop.md §7.2): unless the last {@code /failsafe} seen is a map
     * naming me, the answer is false; otherwise POST {@code /failsafe} ({@code name}, {@code conn_url},
     * {@code api_url}, {@code slots}) to every other member in it, in parallel, 2 s each; true only when
     * all answer 200 {@code Accepted} (a single-node map is true). On true the agent reports failsafe
     * mode active until a cycle reads the view again. Answer in {@link Outcomes#failsafe()}.
     */
    record ConfirmFailsafe() implements Probe {
    }

    // ---- DCS ----------------------------------------------------------------------------------------

    /** Write {@code /initialize} = sysid: create-if-absent when {@code createOnly}, else a plain put. */
    record WriteInitialize(String sysid, boolean createOnly) implements Action {
    }

    /** Plain delete of {@code /initialize} (failed bootstrap). */
    record DeleteInitialize() implements Action {
    }

    /** Put the agent's cached dynamic configuration into {@code /config} (missing/empty key, or after bootstrap). */
    record WriteConfig() implements Action {
    }

    /** After bootstrap: unconditional put of the leader key with my lease; remember holding it. */
    record TakeLeaderKey() implements Action {
    }

    /**
     * Compare-and-delete the leader key if it still names me; forget holding it. With
     * {@code withShutdownCheckpoint} also write {@code /status} optime = the previous-record LSN of the
     * shutdown checkpoint (pg_controldata), as Patroni does after a clean stop.
     */
    record ReleaseLeaderLock(boolean withShutdownCheckpoint) implements Action {
    }

    /** Write {@code /status} with this optime (and slot positions), only if its content changes. */
    record WriteStatus(long optime) implements Action {
    }

    /**
     * Rewrite {@code /history} for a primary on {@code timeline} (ha-loop.md §8.1): {@code []} on
     * timeline 1, else from the timeline history file, keeping stored timestamps and leaders.
     */
    record UpdateHistory(long timeline) implements Action {
    }

    /**
     * Clear {@code /failover} by writing {@code {}}: compare-and-set on {@code expectedModRevision}, or a
     * plain put when it is null.
     */
    record ClearFailoverKey(Long expectedModRevision) implements Action {
    }

    /** Keep only the candidate (and schedule) in {@code /failover}, compare-and-set (paused switchover). */
    record RewriteFailoverKey(String candidate, String scheduledAt, long expectedModRevision) implements Action {
    }

    /** Put {@code /failsafe} = {name: api_url} (failsafe mode; keyspace.md), only when it changed. */
    record WriteFailsafe(java.util.Map<String, String> members) implements Action {
        public WriteFailsafe {
            members = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(members));
        }
    }

    /** Write my member key from the agent's current state (keyspace.md §3.1). */
    record PublishMember() implements Action {
    }

    // ---- PostgreSQL ---------------------------------------------------------------------------------

    /**
     * Async task {@code bootstrap}: initdb or the custom method, then start PostgreSQL; remember
     * {@code bootstrapping} until {@link FinishBootstrap}; a failure sets {@code bootstrapResult=false}.
     */
    record Bootstrap() implements Action {
    }

    /** Async task {@code post_bootstrap} (ha-loop.md §14.3); sets {@code bootstrapResult} to its result. */
    record RunPostBootstrap() implements Action {
    }

    /**
     * Async clone (ha-loop.md §14.1) from {@code source} with {@code methods} tried in order. Without a
     * source, or a source without conn_url, only the methods with {@code no_leader} run; a standby
     * cluster's leaderless clone copies from its {@link Upstream#remote remote primary}. On success start
     * PostgreSQL as a replica of {@link Upstream#select} on a fresh view; on failure remove the data
     * directory.
     */
    record CloneFrom(Upstream source, boolean fromLeader, List<String> methods) implements Action {
        public CloneFrom {
            methods = List.copyOf(methods);
        }

        /** Patroni's task name, shown as the member's status while it runs. */
        public String taskName() {
            return "bootstrap " + description();
        }

        /** What Patroni's log lines say after {@code bootstrapped} / {@code failed to bootstrap}. */
        public String description() {
            if (source == null || source.remote()) {
                return "(without leader)";
            }
            return "from " + (fromLeader ? "leader" : "replica") + " '" + source.name() + "'";
        }
    }

    /**
     * Async task {@code bootstrap_standby_leader} (ha-loop.md §14.4): clone from the remote primary of a
     * standby cluster, then start as standby leader streaming from it through {@code slotName} (null:
     * none). Remember {@code bootstrapping}; {@code bootstrapResult} becomes true once it runs (there is
     * no post_bootstrap for a standby leader), false when the clone or the start failed. {@code methods}
     * are tried in order; without a host for the remote primary only those with {@code no_leader}.
     */
    record BootstrapStandbyLeader(Upstream remote, String slotName, List<String> methods) implements Action {
        public BootstrapStandbyLeader {
            methods = List.copyOf(methods);
        }
    }

    /**
     * Start PostgreSQL as {@code role} in a background task named {@code taskName}. A replica streams from
     * {@code upstream} (none: read-only without primary_conninfo) using {@code slotName}; a primary start
     * waits up to {@code timeout}. Remember {@code recovering} and {@code startTimeout}.
     */
    record StartPostgres(Role role, Upstream upstream, String slotName, Duration timeout, String taskName)
            implements Action {
    }

    /**
     * Stop PostgreSQL. {@code releaseLeaderKeyEarly} marks the leader's shutdown, where Patroni deletes the
     * key as soon as pg_controldata says {@code shut down} and a candidate has the checkpoint; the agent does
     * not act on it yet and releases the key (with the shutdown checkpoint in /status) once the postmaster has
     * exited, a few milliseconds later.
     * {@code abortAfter} non-null ({@link ClusterSettings#stopTimeout}, at shutdown): a postmaster still there
     * after that long is aborted (immediate shutdown, then SIGKILL after as long again); null waits as ever.
     */
    record StopPostgres(StopMode mode, boolean releaseLeaderKeyEarly, Duration abortAfter) implements Action {
        public StopPostgres(StopMode mode, boolean releaseLeaderKeyEarly) {
            this(mode, releaseLeaderKeyEarly, null);
        }
    }

    /** Rename the data directory (and WAL dir, tablespaces) to {@code <name>.failed}. */
    record MoveDataDirectoryAside() implements Action {
    }

    /** Async {@code doing crash recovery in a single user mode}; remember when it started. */
    record CrashRecovery() implements Action {
    }

    /**
     * Arm the watchdog (ha-loop.md §18) unless it is armed already: before a promotion and every cycle a
     * leader is not paused. Fails (stopping the decision's remaining actions, e.g. the promote) only when
     * the watchdog is required and cannot be armed; the next cycle's {@link LocalState.Agent#watchdogFailed}
     * then says so.
     */
    record ActivateWatchdog() implements Action {
    }

    /** Async {@code promote} (ha-loop.md §8 step 5c): role promoted, then primary when in production. */
    record Promote() implements Action {
    }

    /**
     * The primary's synchronous replication for this cycle (ha-loop.md §15.1–§15.3, §15.5): pick the
     * synchronous standbys and write {@code /sync} and {@code synchronous_standby_names} in the order
     * {@link SyncPlanner} (on) or {@link QuorumResolver} (quorum) gives; with synchronous mode off, remove
     * {@code /sync} and give the user's setting back. A failed compare-and-set ends it for this cycle.
     */
    record ManageSync() implements Action {
    }

    /**
     * Right before {@link Promote} (ha-loop.md §15.4): {@link SyncPlanner#beforePromote}. Fails (and so
     * postpones the promotion) when {@code /sync} could not be written.
     */
    record PrepareSyncForPromotion() implements Action {
    }

    /**
     * Demote the running primary (ha-loop.md §9, every step including the restart as a replica of
     * {@link Upstream#select} on a fresh view, none for OFFLINE). {@code taskName} non-null: run it as that
     * background task (graceful switchover); otherwise in the cycle. The stop is aborted after
     * {@link ClusterSettings#stopTimeout} when that is set, in every mode (Patroni's demote()).
     */
    record Demote(DemoteMode mode, String taskName) implements Action {
        public static Demote of(DemoteMode mode) {
            return new Demote(mode, null);
        }
    }

    /**
     * Point the recovery configuration at {@code upstream} (none: no primary_conninfo) with
     * {@code slotName}, reloading or restarting as the PostgreSQL version requires (ha-loop.md §10.2).
     * With {@code roleChange} ({@link RoleChange}) the reload or restart is announced as
     * {@code on_role_change} with the new role, once any callback was announced, as Patroni does.
     */
    record Follow(Upstream upstream, String slotName, boolean roleChange) implements Action {
        public Follow(Upstream upstream, String slotName) {
            this(upstream, slotName, false);
        }
    }

    /**
     * Fire {@code on_role_change} with the role now in force (not while bootstrapping): a lock holder
     * in a standby cluster that already streams from the remote primary became its standby leader
     * without touching PostgreSQL (Patroni's {@code Ha.follow}).
     */
    record AnnounceRoleChange() implements Action {
    }

    /**
     * Async {@code running pg_rewind from <leader>} (ha-loop.md §12.3): rewind state SUCCESS or FAILED
     * after; on failure remove the data directory when {@code removeDataDirectoryOnFailure}.
     */
    record RewindFrom(String leader, boolean removeDataDirectoryOnFailure) implements Action {
    }

    /**
     * Async {@code reinitializing due to diverged timelines}: stop immediately, clone from {@code source}
     * with {@code methods} (each method empties the data directory unless it keeps data).
     */
    record Reinitialize(String source, List<String> methods) implements Action {
        public Reinitialize {
            methods = List.copyOf(methods);
        }
    }

    /** Cancel the background task; a postmaster it just started is terminated. */
    record CancelTask() implements Action {
    }

    // ---- agent memory and control -------------------------------------------------------------------

    record SetRole(Role role) implements Action {
    }

    record SetRewindState(RewindState state) implements Action {
    }

    /** The start attempt was looked at: clear {@code recovering} (and the pending start timeout). */
    record ForgetStartAttempt() implements Action {
    }

    /** Clear {@code crashRecoveryStartedAt}. */
    record ResetCrashRecovery() implements Action {
    }

    /** Clear {@code bootstrapping} and {@code bootstrapResult}. */
    record FinishBootstrap() implements Action {
    }

    /** Remember that this PostgreSQL was announced (fire {@code on_start} once callbacks exist). */
    record MarkAnnounced() implements Action {
    }

    /** Sleep within the cycle, as Patroni does (give another node time to take the lock, scheduled switchover). */
    record Wait(Duration duration) implements Action {
    }

    /**
     * Log {@code message} and exit with status 1. Unless {@code leavePostgresRunning}, run the shutdown
     * decision first (PostgreSQL is stopped).
     */
    record Fatal(String message, boolean leavePostgresRunning) implements Action {
    }

    /** How PostgreSQL is stopped. */
    enum StopMode {
        /** SIGINT, no checkpoint first. */
        FAST,
        /** SIGQUIT. */
        IMMEDIATE
    }

    /** Demotion modes of ha-loop.md §9. */
    enum DemoteMode {
        /** DCS unreachable: fast stop, keep the key, restart read-only without upstream. */
        OFFLINE,
        /** Manual switchover/failover: checkpoint, fast stop, release the key (early if possible), follow. */
        GRACEFUL,
        /** Immediate stop, release the key, follow (async). */
        IMMEDIATE,
        /** Immediate stop, the key is already lost, follow (async). */
        IMMEDIATE_NOLOCK;

        public String patroniName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
