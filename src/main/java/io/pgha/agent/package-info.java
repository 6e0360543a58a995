/**
 * The pgha agent: one local PostgreSQL under Patroni-compatible HA. It wires the pure decision core
 * ({@link io.pgha.ha}) to etcd ({@link io.pgha.dcs.EtcdGrpcDcs}), PostgreSQL ({@link io.pgha.postgres.Postgres})
 * and the REST API ({@link io.pgha.api.RestServer}); it decides nothing itself.
 *
 * <h2>API</h2>
 * {@link io.pgha.agent.Agent} ({@code builder(config).build()}, {@code start()}, {@code stop()},
 * {@code addRoleChangeListener}, {@code state()}); {@link io.pgha.agent.AgentProcess} is {@code pgha agent}
 * as a process (signals, exit status); {@link io.pgha.agent.AgentConfig} checks the local configuration.
 *
 * <h2>Structure</h2>
 * <ul>
 * <li>{@code HaLoop}: one cycle = view from {@code ClusterCache}, facts from {@code LocalPostgres}, memory
 *     from {@code AgentMemory}, {@code HaDecider.decide}, probes answered by {@code ProbeAnswers}
 *     ({@code DcsSession}, {@code PeerStatuses}, {@code DivergenceProbe}), actions executed by
 *     {@code ActionExecutor} ({@code DcsActions}, {@code PostgresActions}, {@code Demotion},
 *     {@code PostgresTasks} in the single {@code TaskSlot}), member slots by {@code SlotKeeper}, the node
 *     state published by {@code StatePublisher}; then wait {@code loop_wait} or until woken.</li>
 * <li>{@code DcsSession}: one lease of TTL {@code ttl} for member and leader key, kept alive by every leader
 *     update and race (once per cycle on the leader, so a dead leader's key lives at most {@code ttl} after
 *     its last cycle, as Patroni's) and otherwise only {@code ttl − retry_timeout} after the last keep-alive,
 *     between cycles (an idle replica sends one request per 20 s with 30/10/10); the guarded transactions of
 *     keyspace.md §6.</li>
 * <li>{@code ClusterCache}: range, then watch from the next revision; rebuilt after any watch error; wakes
 *     the loop when the leader key changes or vanishes (without the usual 50 ms wait for a following key),
 *     when {@code /config} changes, when {@code /status} changes under another leader, and when a
 *     switchover is written into {@code /failover}.</li>
 * <li>{@code Maintenance}: the REST API's restart, reinitialize and reload ({@link io.pgha.api.MaintenanceControl})
 *     and SIGHUP: restarts and re-initialisations run in the background slot like the loop's tasks; a
 *     scheduled restart is kept in {@code AgentMemory}, published in the member key and evaluated by the
 *     loop after each decision with {@link io.pgha.ha.RestartRules#evaluate}.</li>
 * <li>{@code Callbacks}: {@code postgresql.callbacks} (ha-loop.md §17) in the background, one at a time (a new one
 *     kills the running one and its children; {@code on_reload} apart), fired by {@code ReplicaStart}
 *     ({@code on_start}, {@code on_restart} when {@code Maintenance} expects it, {@code on_role_change} for
 *     the role changes of {@link io.pgha.ha.RoleChange}), the promote task, {@code PostgresActions}
 *     ({@code on_reload}, or {@code on_role_change} when a {@code Follow} changes the role, and the
 *     decision's {@code AnnounceRoleChange}), {@code Demotion} and the stops of pg_rewind and
 *     reinitialize ({@code on_stop}), reloads and {@code MarkAnnounced} (a running server found at start).</li>
 * <li>{@code io.pgha.agent.watchdog.Watchdog}: armed by the decision's {@code ActivateWatchdog}, kicked by
 *     {@code ProbeAnswers} after each successful leader renewal only (which also applies a timeout changed
 *     by {@code ttl} in {@code /config}, told by {@code HaLoop} every cycle, or a reloaded safety_margin), disarmed by {@code Demotion} once
 *     PostgreSQL stopped, by every stop, by {@code HaLoop} when the node no longer leads a primary or is
 *     paused, and at exit unless PostgreSQL still runs as the leader.</li>
 * <li>{@code RuntimeSettings}: local configuration merged with the last {@code /config} (timings adjusted
 *     as Patroni 4 adjusts them: a ttl below 20 becomes 20); before there is one, the cached
 *     {@code patroni.dynamic.json} or else {@code bootstrap.dcs}.</li>
 * <li>{@code DynamicConfigCache}: {@code <data_dir>/patroni.dynamic.json}, read once at start, written by
 *     {@code HaLoop} after a cycle when the configuration in force differs from what the file holds and the
 *     node's role is not uninitialised (temporary file, mode 0600, renamed over it; a missing data directory
 *     is never created). An unreadable file is a warning and ignored; a failed write one warning.</li>
 * </ul>
 *
 * <h2>Deliberate choices</h2>
 * <ul>
 * <li>The member key says {@code "version": "4.1.4"}: peers read it as the writer's Patroni version and
 *     pgha writes 4.1.4's keyspace; pgha's own version is in {@code pgha_version}.</li>
 * <li>The shutdown checkpoint published in {@code /status} is pg_controldata's checkpoint location (Patroni
 *     reads the record before it with pg_waldump); a stopped primary whose checkpoint end is unknown is
 *     rewound to be safe (pg_rewind does nothing when it is not needed).</li>
 * <li>The leader key is released after PostgreSQL has stopped, not while it is stopping: the postmaster
 *     exits only after its WAL senders delivered the shutdown checkpoint to the connected replicas, and
 *     the stop is watched every 10 ms, so the release comes as early as it could at the checkpoint. The
 *     release and the shutdown checkpoint in {@code /status} are one transaction; the checkpoint is read
 *     from pg_control's header ({@code io.pgha.postgres.ControlFileHeader}), not by starting pg_controldata.</li>
 * <li>Callbacks get role {@code primary} for a promoted or primary server, as Patroni 4 and the member
 *     key say (Patroni 3.0.2 passed {@code master}). {@code watchdog_failed} is published in the REST status,
 *     where Patroni publishes it (not in the member key). A required watchdog that fails to arm is closed
 *     at once (Patroni leaves it open until the demotion's safepoint).</li>
 * <li>Java cannot issue the watchdog ioctls: the timeout is set with util-linux {@code wdctl --settimeout}
 *     before the device is opened and read back from {@code /sys/class/watchdog/<name>/timeout}; when it
 *     cannot be read a required watchdog fails to arm (configure the timeout outside and make sysfs
 *     readable). The watchdog is disarmed after PostgreSQL stopped, not at the earlier safepoint.</li>
 * <li>Custom bootstrap: a {@code bootstrap.method} without a section or {@code command} is a configuration
 *     error (Patroni silently runs initdb); the temporary trust lines use /128 for IPv6 addresses (Patroni
 *     writes /32); the replication and rewind roles are made before the {@code post_bootstrap} script
 *     (Patroni: after it).</li>
 * <li>{@code primary_stop_timeout} (synchronous mode only, every demotion and the agent's shutdown) limits
 *     the wait for the postmaster to exit: then an immediate shutdown, and after as long again SIGKILL to
 *     the postmaster and its children ({@code io.pgha.postgres.AbortingStop}). Patroni also uses it as the
 *     connect timeout of the CHECKPOINT before a switchover and to bound its wait for client backends to
 *     end (a wait the agent does not make: it disarms the watchdog after the stop); and where Patroni polls
 *     pg_controldata for {@code shut down} (releasing demotions, a leader's shutdown) and that does not
 *     come in time, it sends the immediate shutdown and SIGKILL right after each other. Here the immediate
 *     shutdown always gets the full timeout.</li>
 * </ul>
 *
 * <h2>Not done yet</h2>
 * A reload applies the PostgreSQL part of {@code patroni.yml} only
 * (tags, REST API and etcd settings stay as started); etcd endpoint discovery; standby clusters: see io.pgha.ha's package-info.
 */
package io.pgha.agent;
