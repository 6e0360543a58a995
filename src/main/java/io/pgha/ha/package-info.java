/**
 * The pure HA decision core of the pgha agent: Patroni's HA cycle (ha-loop.md §4–§14, §20, §22) as
 * "decide, then act". Nothing here does I/O or reads a clock; the agent loop ({@code io.pgha.agent})
 * gathers the inputs, calls {@link io.pgha.ha.HaDecider#decide}, and executes the returned actions.
 *
 * <h2>Entry point</h2>
 * <pre>{@code
 * Decision HaDecider.decide(HaInput input)
 * HaInput(HaSettings settings, Cluster cluster, String dcsError, Cluster lastLockedCluster,
 *         LocalState local, Outcomes outcomes, Instant now)
 * Decision(List<Action> actions, String message)
 * }</pre>
 *
 * <h2>Driving it from the loop (one cycle)</h2>
 * <ol>
 * <li>Gather: read the cluster view (on a DCS error use {@link io.pgha.ha.HaInput#dcsUnreachable}); keep
 *     the last view that had a leader key and pass it as {@code lastLockedCluster}; gather
 *     {@link io.pgha.ha.LocalState.Postgres} from PostgreSQL, pg_controldata and the data directory; pass the
 *     agent's memory as {@link io.pgha.ha.LocalState.Agent}; read the clock once into {@code now} (wall clock:
 *     a scheduled switchover compares with it; every {@code Instant} kept in memory must come from the
 *     same {@code now} values).</li>
 * <li>Decide. While the decision {@link io.pgha.ha.Decision#probe() is a probe}, execute it, put the answer
 *     into {@link io.pgha.ha.Outcomes} ({@link io.pgha.ha.HaInput#withOutcomes}) and decide again with otherwise
 *     identical inputs. The decider asks each probe at most once per cycle (peer statuses may be asked again
 *     for other members); in the worst case a cycle takes four probes, e.g. renew the lock, fetch peer
 *     statuses, check divergence. Probes:
 *     <ul>
 *     <li>{@link io.pgha.ha.Action.UpdateLeaderLock}: force the lease keep-alive and re-attach the leader key,
 *         retrying for at most {@link io.pgha.ha.Timings#leaderUpdateBudget}; on success remember
 *         {@code holdsLeaderKey=true} and {@code lastLeaderRenewal=now}, on failure {@code holdsLeaderKey=false}.
 *         A DCS error is {@link io.pgha.ha.LockResult#DCS_ERROR}, and the next decision is the DCS-error path.</li>
 *     <li>{@link io.pgha.ha.Action.AcquireLeaderLock}, {@link io.pgha.ha.Action.TakeInitializeKey}: the
 *         create-if-absent transactions of keyspace.md §6 (remember {@code holdsLeaderKey} on a won race).</li>
 *     <li>{@link io.pgha.ha.Action.FetchPeerStatuses}: GET every listed api_url in parallel (2 s, no retry)
 *         and parse with {@link io.pgha.ha.PeerStatus#fromStatusDocument}; a failure is
 *         {@link io.pgha.ha.PeerStatus#unreachable}. Every listed member must get an answer.</li>
 *     <li>{@link io.pgha.ha.Action.CheckDivergence}: ha-loop.md §12.2 against the named leader.</li>
 *     <li>{@link io.pgha.ha.Action.ConfirmFailsafe}: POST /failsafe to the other members of the last
 *         {@code /failsafe} read (§7.2); the loop also injects the primary that last posted to this node into
 *         an unlocked view ({@link io.pgha.ha.Failsafe#inject}) before deciding.</li>
 *     </ul></li>
 * <li>Execute the final decision's actions in order; stop at the first one that fails (log it; the next
 *     cycle decides from fresh inputs). Actions naming a background task ({@code Bootstrap},
 *     {@code RunPostBootstrap}, {@code CloneFrom}, {@code StartPostgres}, {@code CrashRecovery},
 *     {@code Promote}, {@code RewindFrom}, {@code Reinitialize}, a {@code Demote} with a task name) start it
 *     in the single background slot and return at once; the loop passes it as {@code LocalState.Agent#task}
 *     until it ends, then wakes up the next cycle. {@code PublishMember} is the last action of every
 *     final decision except on the DCS-error path and after {@code Fatal}.</li>
 * <li>Log the message. Schedule the next cycle ({@code loop_wait} from {@link io.pgha.ha.Timings}); run at
 *     once after a {@code Demote} or when a background task finished.</li>
 * </ol>
 *
 * <h2>Ordering constraints the executor must keep</h2>
 * <ul>
 * <li>Memory updates ({@code SetRewindState}, {@code SetRole}, {@code ForgetStartAttempt},
 *     {@code ResetCrashRecovery}, {@code FinishBootstrap}, {@code MarkAnnounced}) are plain assignments;
 *     {@code SetRewindState} comes first so a fast task's own result is not overwritten.
 *     {@code AnnounceRoleChange} comes right after the {@code SetRole} whose role it announces.</li>
 * <li>{@code Demote}: ha-loop.md §9 — stop (CHECKPOINT first for GRACEFUL), disable the watchdog at the
 *     safepoint, release the key after the stop (Patroni already at the shutdown checkpoint when
 *     {@link io.pgha.ha.CandidateRanking#failoverPossible} holds with its LSN: not done), sleep 2 s after a
 *     release, restart as a replica of {@link io.pgha.ha.Upstream#select} on a freshly read view (none for OFFLINE), in the
 *     background for the immediate modes. Role becomes {@code demoted}, then {@code replica}.</li>
 * <li>{@code StopPostgres(FAST, releaseLeaderKeyEarly)} at shutdown, then {@code ReleaseLeaderLock(true)}:
 *     the release is a compare-on-value delete; if the stop fails the key stays (execution stops there).</li>
 * <li>{@code ClearFailoverKey}/{@code RewriteFailoverKey} come before {@code Promote} in a won race.</li>
 * <li>{@code ActivateWatchdog} comes before {@code Promote} and fails only when a required watchdog cannot
 *     be armed, which stops the promote; the agent reports that once as {@code LocalState.Agent#watchdogFailed}
 *     (also set while a required device is unusable), and the next decision releases the key (not yet
 *     primary) or demotes immediately (primary), and never races (§18).</li>
 * <li>{@code Fatal}: exit with status 1; unless it says to leave PostgreSQL running, first execute the
 *     decision made with {@code shuttingDown=true}.</li>
 * </ul>
 *
 * <h2>Agent memory the loop maintains</h2>
 * {@code role} (set by start/promote/demote/clone executors and {@code SetRole}); {@code task};
 * {@code recovering} and {@code startTimeout} (set when a {@code StartPostgres} is scheduled, cleared by
 * {@code ForgetStartAttempt}); {@code crashRecoveryStartedAt} (set by {@code CrashRecovery}, cleared by
 * {@code ResetCrashRecovery}); {@code rewindState} ({@code SetRewindState}; the rewind task ends in
 * SUCCESS or FAILED; clone and re-initialisation reset it to INITIAL); {@code bootstrapping} (set by
 * {@code Bootstrap}) and {@code bootstrapResult} (false when the bootstrap task fails, the post_bootstrap
 * result otherwise); {@code announced} ({@code MarkAnnounced}); {@code shuttingDown} (SIGTERM);
 * {@link io.pgha.ha.HaSettings#dynamicConfig} is the last {@code /config} applied.
 *
 * <h2>Structure</h2>
 * Inputs: {@link io.pgha.ha.HaSettings}, {@link io.pgha.ha.Tags}, {@link io.pgha.ha.ClusterSettings},
 * {@link io.pgha.ha.Timings}, {@link io.pgha.ha.LocalState}, {@link io.pgha.ha.PeerStatus},
 * {@link io.pgha.ha.Outcomes}. Output: {@link io.pgha.ha.Decision} of sealed {@link io.pgha.ha.Action}s.
 * Maintenance (ha-loop.md §19, rest-api.md §6.4–§6.6, called by the agent outside {@code decide}):
 * {@link io.pgha.ha.RestartRules} (a request's conditions, the busy slot, the scheduled restart's time
 * window) and {@link io.pgha.ha.ReinitializeRules}.
 * Shared judgement: {@link io.pgha.ha.CandidateRanking} (healthiest node, failover possible),
 * {@link io.pgha.ha.Upstream} (node to follow, clone source), {@link io.pgha.ha.SlotNames}; slots:
 * {@link io.pgha.ha.SlotPlan} (called by the agent after the actions, §16.4), {@link io.pgha.ha.PermanentSlots}.
 * Rule sets, one per table of ha-loop.md: {@code DcsOutage} §5.1, {@code Bootstrapping} §5.2, {@code Recovery} §5.3/§13,
 * {@code LeaderRace} §5.4/§6.1, {@code LockHolder} §5.5/§8, {@code Following} §5.6/§10,
 * {@code StandbyCluster} §21/§14.4 (with {@link io.pgha.ha.StandbyClusterConfig}), {@link io.pgha.ha.Failsafe}
 * §7.2/§5.7 (with the {@link io.pgha.ha.Action.ConfirmFailsafe} probe, asked by {@code DcsOutage}),
 * {@code InProgress} §5.8/§5.9, {@code ManualFailover} §11, {@code Rewinding} §12, {@code Shutdown} §22;
 * {@code SafetyGuard} strips anything that would promote while another member holds the leader key.
 *
 * <h2>Synchronous replication (ha-loop.md §15)</h2>
 * {@link io.pgha.ha.SyncSettings} reads the mode; on the primary {@link io.pgha.ha.SyncCandidates} picks the
 * standbys that may be synchronous and those proven to be, {@link io.pgha.ha.SyncPlanner} orders the writes of
 * {@code /sync} and {@code synchronous_standby_names} ({@link io.pgha.ha.StandbyNames}) for on/strict mode and
 * before a promotion, {@link io.pgha.ha.QuorumResolver} for quorum mode. {@code LockHolder} asks for them with
 * {@code ManageSync} (a primary holding the lock) and {@code PrepareSyncForPromotion} (before {@code Promote});
 * the agent's {@code SyncReplication} executes them and {@code SyncDuties} releases a replica from sync duties
 * before it stops or restarts (§15.6). Behaviour follows Patroni 4.1.4 where it differs from the spec (strict
 * mode names {@code *} when no standby streams; before a promotion {@code /sync} is reset to me alone).
 * {@link io.pgha.ha.ClusterSettings#stopTimeout} is {@code primary_stop_timeout} (§15.7), set only in
 * synchronous mode: the shutdown's {@code StopPostgres} carries it and every {@code Demote} stops with it.
 *
 * <h2>Left out for later issues</h2>
 * PostgreSQL older than 10 (single sync standby, no {@code ANY}); of
 * replication slots (§16, {@link io.pgha.ha.SlotPlan}): {@code member_slots_ttl} retention and
 * {@code /status.retain_slots} (4.x), advancing member slots, dropping physical slots with a stale
 * {@code xmin}, the readiness check that tells when a copied logical slot is safe after a failover
 * (Patroni only logs it), PostgreSQL 17 failover slots; {@code pre_promote}, {@code before_stop} (§17); the
 * watchdog's activation right after bootstrap (§18: Patroni cancels a bootstrap whose required watchdog
 * cannot be armed; here the new leader's first cycle arms it and steps down when it cannot); in standby
 * clusters (§21): the divergence check and pg_rewind against the remote
 * primary (a standby cluster never rewinds), reading the standby leader's timeline from pg_control,
 * keeping only physical permanent slots on a standby leader; in failsafe mode (§7.2): racing against
 * members known only from {@code /failsafe}, advancing slots from the posted positions and the replicas'
 * {@code lsn} answers; {@code primary_race_backoff} [master-only]; the post-promote CHECKPOINT tracking and
 * {@code checkpoint_after_promote}; resuming paused WAL replay; Citus.
 *
 * <h2>Deliberate differences from Patroni</h2>
 * <ul>
 * <li>Several {@code clonefrom} members: picked by a hash of my name, not at random (repeatable, still spread).</li>
 * <li>After losing the race the upstream comes from this cycle's view (Patroni re-reads it); the watch wakes
 *     the next cycle when the new leader key appears.</li>
 * <li>After a successful bootstrap the leader key is not put when another member already holds it.</li>
 * <li>A graceful or offline demotion always restarts PostgreSQL; a needed rewind follows next cycle.</li>
 * <li>A strict-mode primary starts without {@code synchronous_standby_names} until its first sync step (Patroni 4.1
 *     starts it with {@code *}); every promotion sets it first, and a bootstrap must not wait for standbys.</li>
 * <li>When a quorum transition would break the invariant half-way, the safe transitions before it are applied
 *     (Patroni 4.1.4 drops them all and fails the same way every cycle).</li>
 * <li>A primary whose cluster becomes a standby cluster demotes {@code immediate-nolock}, as Patroni 3.0.2 does
 *     (ha-loop.md §21 describes 3.1's {@code demote-cluster}).</li>
 * <li>The remote primary of a standby cluster is called {@code remote_member} (Patroni adds a fresh uuid each
 *     time, which would make every cycle see a new upstream).</li>
 * <li>Permanent physical slots are kept on replicas too and moved to the positions in {@code /status.slots},
 *     which then holds physical slots as well (Patroni 3.2+; 3.0.2 keeps them on the primary only and
 *     publishes logical positions only).</li>
 * <li>Before copying a logical slot a replica asks the primary for a CHECKPOINT (the state file is written
 *     at checkpoints only); Patroni copies whatever is on disk and copies again after a failed advance.</li>
 * </ul>
 */
package io.pgha.ha;
