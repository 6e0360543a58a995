package io.pgha.ha;

import java.time.Duration;
import java.time.Instant;

/**
 * What this node knows about itself at the start of a cycle: facts gathered from the local PostgreSQL
 * ({@link Postgres}) and the agent's own memory ({@link Agent}), which only changes when the agent
 * executes actions (see package-info for who updates what).
 */
public record LocalState(Postgres postgres, Agent agent) {

    public LocalState {
        if (postgres == null || agent == null) {
            throw new IllegalArgumentException("local state needs PostgreSQL facts and agent memory");
        }
    }

    /**
     * Facts about the local PostgreSQL, gathered fresh each cycle.
     *
     * @param sysid          system identifier from pg_controldata; null when unknown
     * @param controlState   pg_controldata "Database cluster state" (e.g. {@code in production}); null when unknown
     * @param running        the postmaster process is alive (it may still be starting)
     * @param state          the agent's state string for it (running, starting, crashed…)
     * @param stateSince     when it entered {@code state} (start timeouts count from here)
     * @param inRecovery     {@code pg_is_in_recovery()}; meaningful only when running and not starting
     * @param timeline       current timeline (primary) or received/cached timeline (replica); null when unknown
     * @param walPosition    primary: flush LSN; replica: max(receive, replay) LSN; null when unknown
     * @param upstream       the member the current recovery configuration streams from; null for none
     * @param recoveryConfigured a standby.signal / recovery.conf exists
     * @param restoredFromBackup a backup_label exists (PG ≥ 15 handles crash recovery itself then)
     * @param rewindCapable  pg_rewind runs and pg_controldata shows wal_log_hints or data checksums
     */
    public record Postgres(
            DataDirectory dataDirectory,
            String dataDirectoryError,
            String sysid,
            String controlState,
            boolean running,
            PostgresState state,
            Instant stateSince,
            boolean inRecovery,
            Long timeline,
            Long walPosition,
            Long receiveLsn,
            Long replayLsn,
            String replicationState,
            Integer serverVersion,
            Upstream upstream,
            boolean recoveryConfigured,
            boolean restoredFromBackup,
            boolean rewindCapable) {

        /** Running, done starting and not in recovery: what Patroni calls "is primary". */
        public boolean isPrimary() {
            return running && !inRecovery && !state.isStarting();
        }

        public long wal() {
            return walPosition == null ? 0 : walPosition;
        }
    }

    /**
     * The agent's memory.
     *
     * @param holdsLeaderKey     the agent believes it holds the leader key (last acquire/update succeeded)
     * @param lastLeaderRenewal  when the leader key/lease was last renewed successfully; null if never
     * @param task               the background task in progress; null when the slot is free
     * @param bootstrapping      this node won the initialize race and its bootstrap is not finished
     * @param bootstrapResult    null: post_bootstrap has not run yet; true: it succeeded; false: bootstrap failed
     * @param recovering         a start of PostgreSQL was attempted and this is the first cycle since it finished
     * @param startTimeout       timeout of the pending start of a primary (null: {@code primary_start_timeout})
     * @param crashRecoveryStartedAt when single-user crash recovery was started; null if not since the last start
     * @param announced          on_start was fired for this PostgreSQL (Patroni's "a callback was called")
     * @param shuttingDown       the agent received SIGTERM and asks for its last decision
     * @param watchdogFailed     the watchdog is required but unusable, or its last activation failed:
     *                           never race, release the key or demote (ha-loop.md §18)
     */
    public record Agent(
            Role role,
            boolean holdsLeaderKey,
            Instant lastLeaderRenewal,
            AsyncTask task,
            boolean bootstrapping,
            Boolean bootstrapResult,
            boolean recovering,
            Duration startTimeout,
            Instant crashRecoveryStartedAt,
            RewindState rewindState,
            boolean announced,
            boolean shuttingDown,
            boolean watchdogFailed) {

        public Agent {
            role = role == null ? Role.UNINITIALIZED : role;
            rewindState = rewindState == null ? RewindState.INITIAL : rewindState;
        }

        /** Without a watchdog verdict (the watchdog is usable or not required). */
        public Agent(Role role, boolean holdsLeaderKey, Instant lastLeaderRenewal, AsyncTask task, boolean bootstrapping,
                     Boolean bootstrapResult, boolean recovering, Duration startTimeout, Instant crashRecoveryStartedAt,
                     RewindState rewindState, boolean announced, boolean shuttingDown) {
            this(role, holdsLeaderKey, lastLeaderRenewal, task, bootstrapping, bootstrapResult, recovering, startTimeout,
                    crashRecoveryStartedAt, rewindState, announced, shuttingDown, false);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Assembles a LocalState field by field, as the loop gathers the facts. */
    public static final class Builder {
        private DataDirectory dataDirectory = DataDirectory.INITIALIZED;
        private String dataDirectoryError;
        private String sysid;
        private String controlState;
        private boolean running;
        private PostgresState state = PostgresState.STOPPED;
        private Instant stateSince;
        private boolean inRecovery;
        private Long timeline;
        private Long walPosition;
        private Long receiveLsn;
        private Long replayLsn;
        private String replicationState;
        private Integer serverVersion;
        private Upstream upstream;
        private boolean recoveryConfigured;
        private boolean restoredFromBackup;
        private boolean rewindCapable;
        private Role role = Role.UNINITIALIZED;
        private boolean holdsLeaderKey;
        private Instant lastLeaderRenewal;
        private AsyncTask task;
        private boolean bootstrapping;
        private Boolean bootstrapResult;
        private boolean recovering;
        private Duration startTimeout;
        private Instant crashRecoveryStartedAt;
        private RewindState rewindState = RewindState.INITIAL;
        private boolean announced;
        private boolean shuttingDown;
        private boolean watchdogFailed;

        private Builder() {
        }

        private Builder(LocalState from) {
            Postgres p = from.postgres;
            Agent a = from.agent;
            dataDirectory = p.dataDirectory;
            dataDirectoryError = p.dataDirectoryError;
            sysid = p.sysid;
            controlState = p.controlState;
            running = p.running;
            state = p.state;
            stateSince = p.stateSince;
            inRecovery = p.inRecovery;
            timeline = p.timeline;
            walPosition = p.walPosition;
            receiveLsn = p.receiveLsn;
            replayLsn = p.replayLsn;
            replicationState = p.replicationState;
            serverVersion = p.serverVersion;
            upstream = p.upstream;
            recoveryConfigured = p.recoveryConfigured;
            restoredFromBackup = p.restoredFromBackup;
            rewindCapable = p.rewindCapable;
            role = a.role;
            holdsLeaderKey = a.holdsLeaderKey;
            lastLeaderRenewal = a.lastLeaderRenewal;
            task = a.task;
            bootstrapping = a.bootstrapping;
            bootstrapResult = a.bootstrapResult;
            recovering = a.recovering;
            startTimeout = a.startTimeout;
            crashRecoveryStartedAt = a.crashRecoveryStartedAt;
            rewindState = a.rewindState;
            announced = a.announced;
            shuttingDown = a.shuttingDown;
            watchdogFailed = a.watchdogFailed;
        }

        public Builder dataDirectory(DataDirectory value) {
            dataDirectory = value;
            return this;
        }

        public Builder dataDirectoryError(String value) {
            dataDirectoryError = value;
            return this;
        }

        public Builder sysid(String value) {
            sysid = value;
            return this;
        }

        public Builder controlState(String value) {
            controlState = value;
            return this;
        }

        public Builder running(boolean value) {
            running = value;
            return this;
        }

        public Builder state(PostgresState value) {
            state = value;
            return this;
        }

        public Builder stateSince(Instant value) {
            stateSince = value;
            return this;
        }

        public Builder inRecovery(boolean value) {
            inRecovery = value;
            return this;
        }

        public Builder timeline(Long value) {
            timeline = value;
            return this;
        }

        public Builder walPosition(Long value) {
            walPosition = value;
            return this;
        }

        public Builder receiveLsn(Long value) {
            receiveLsn = value;
            return this;
        }

        public Builder replayLsn(Long value) {
            replayLsn = value;
            return this;
        }

        public Builder replicationState(String value) {
            replicationState = value;
            return this;
        }

        public Builder serverVersion(Integer value) {
            serverVersion = value;
            return this;
        }

        public Builder upstream(Upstream value) {
            upstream = value;
            return this;
        }

        public Builder recoveryConfigured(boolean value) {
            recoveryConfigured = value;
            return this;
        }

        public Builder restoredFromBackup(boolean value) {
            restoredFromBackup = value;
            return this;
        }

        public Builder rewindCapable(boolean value) {
            rewindCapable = value;
            return this;
        }

        public Builder role(Role value) {
            role = value;
            return this;
        }

        public Builder holdsLeaderKey(boolean value) {
            holdsLeaderKey = value;
            return this;
        }

        public Builder lastLeaderRenewal(Instant value) {
            lastLeaderRenewal = value;
            return this;
        }

        public Builder task(AsyncTask value) {
            task = value;
            return this;
        }

        public Builder bootstrapping(boolean value) {
            bootstrapping = value;
            return this;
        }

        public Builder bootstrapResult(Boolean value) {
            bootstrapResult = value;
            return this;
        }

        public Builder recovering(boolean value) {
            recovering = value;
            return this;
        }

        public Builder startTimeout(Duration value) {
            startTimeout = value;
            return this;
        }

        public Builder crashRecoveryStartedAt(Instant value) {
            crashRecoveryStartedAt = value;
            return this;
        }

        public Builder rewindState(RewindState value) {
            rewindState = value;
            return this;
        }

        public Builder announced(boolean value) {
            announced = value;
            return this;
        }

        public Builder shuttingDown(boolean value) {
            shuttingDown = value;
            return this;
        }

        public Builder watchdogFailed(boolean value) {
            watchdogFailed = value;
            return this;
        }

        public LocalState build() {
            return new LocalState(
                    new Postgres(dataDirectory, dataDirectoryError, sysid, controlState, running, state, stateSince,
                            inRecovery, timeline, walPosition, receiveLsn, replayLsn, replicationState, serverVersion,
                            upstream, recoveryConfigured, restoredFromBackup, rewindCapable),
                    new Agent(role, holdsLeaderKey, lastLeaderRenewal, task, bootstrapping, bootstrapResult,
                            recovering, startTimeout, crashRecoveryStartedAt, rewindState, announced, shuttingDown,
                            watchdogFailed));
        }
    }
}
