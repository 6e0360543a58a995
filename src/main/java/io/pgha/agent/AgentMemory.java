package io.pgha.agent;

import io.pgha.ha.AsyncTask;
import io.pgha.ha.LocalState;
import io.pgha.ha.RewindState;
import io.pgha.ha.Role;
import io.pgha.ha.ScheduledRestart;
import io.pgha.ha.Upstream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the agent remembers between cycles ({@link LocalState.Agent}, package-info "Agent memory"), plus
 * the upstream its recovery configuration points at. The loop and the background task both write it,
 * so every access is synchronized; role changes are announced to listeners off the loop's thread.
 */
final class AgentMemory {
    private static final System.Logger LOG = System.getLogger(AgentMemory.class.getName());

    private final List<RoleChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "pgha-role-listeners");
        thread.setDaemon(true);
        return thread;
    });
    private Role role = Role.UNINITIALIZED;
    private boolean holdsLeaderKey;
    private Instant lastLeaderRenewal;
    private boolean bootstrapping;
    private Boolean bootstrapResult;
    private boolean recovering;
    private Duration startTimeout;
    private Instant crashRecoveryStartedAt;
    private RewindState rewindState = RewindState.INITIAL;
    private boolean announced;
    private boolean shuttingDown;
    private Upstream upstream;
    private ScheduledRestart scheduledRestart;
    /** Stops and restarts waiting for the primary to release this replica from sync duties (ha-loop.md §15.6). */
    private final java.util.concurrent.atomic.AtomicInteger leavingSync = new java.util.concurrent.atomic.AtomicInteger();

    void leavingSync(boolean start) {
        leavingSync.addAndGet(start ? 1 : -1);
    }

    /** While true the member publishes nosync and sync_priority 0, so the primary picks another standby. */
    boolean isLeavingSync() {
        return leavingSync.get() > 0;
    }

    void addListener(RoleChangeListener listener) {
        listeners.add(listener);
    }

    synchronized LocalState.Agent snapshot(AsyncTask task) {
        return new LocalState.Agent(role, holdsLeaderKey, lastLeaderRenewal, task, bootstrapping, bootstrapResult,
                recovering, startTimeout, crashRecoveryStartedAt, rewindState, announced, shuttingDown);
    }

    synchronized Role role() {
        return role;
    }

    void role(Role value) {
        Role previous;
        synchronized (this) {
            previous = role;
            role = value;
        }
        if (previous != value) {
            LOG.log(System.Logger.Level.INFO, "role " + previous.patroniName() + " -> " + value.patroniName());
            for (RoleChangeListener listener : listeners) {
                notifier.execute(() -> {
                    try {
                        listener.roleChanged(previous, value);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "a role change listener failed: " + e);
                    }
                });
            }
        }
    }

    synchronized boolean holdsLeaderKey() {
        return holdsLeaderKey;
    }

    synchronized void leaderKeyRenewed(Instant at) {
        holdsLeaderKey = true;
        lastLeaderRenewal = at;
    }

    synchronized void leaderKeyLost() {
        holdsLeaderKey = false;
    }

    synchronized void bootstrapping(boolean value) {
        bootstrapping = value;
    }

    synchronized void bootstrapResult(Boolean value) {
        bootstrapResult = value;
    }

    synchronized void finishBootstrap() {
        bootstrapping = false;
        bootstrapResult = null;
    }

    synchronized void startAttempted(Duration timeout) {
        recovering = true;
        startTimeout = timeout;
    }

    synchronized void forgetStartAttempt() {
        recovering = false;
        startTimeout = null;
    }

    synchronized void crashRecoveryStarted(Instant at) {
        crashRecoveryStartedAt = at;
    }

    synchronized void resetCrashRecovery() {
        crashRecoveryStartedAt = null;
    }

    synchronized RewindState rewindState() {
        return rewindState;
    }

    synchronized void rewindState(RewindState value) {
        rewindState = value;
    }

    synchronized void announced(boolean value) {
        announced = value;
    }

    synchronized boolean shuttingDown() {
        return shuttingDown;
    }

    synchronized void shuttingDown(boolean value) {
        shuttingDown = value;
    }

    synchronized Upstream upstream() {
        return upstream;
    }

    synchronized void upstream(Upstream value) {
        upstream = value;
    }

    /** The restart waiting for its time (kept in memory only, as Patroni keeps it), or null. */
    synchronized ScheduledRestart scheduledRestart() {
        return scheduledRestart;
    }

    /** Stores {@code restart} unless one is scheduled already (then false). */
    synchronized boolean scheduleRestart(ScheduledRestart restart) {
        if (scheduledRestart != null) {
            return false;
        }
        scheduledRestart = restart;
        return true;
    }

    /** Forgets the scheduled restart; false when there was none. */
    synchronized boolean cancelScheduledRestart() {
        boolean had = scheduledRestart != null;
        scheduledRestart = null;
        return had;
    }

    /** Forgets {@code restart} if it is still the one scheduled (not a newer one stored meanwhile). */
    synchronized boolean cancelScheduledRestart(ScheduledRestart restart) {
        if (scheduledRestart != restart) {
            return false;
        }
        scheduledRestart = null;
        return true;
    }

    void close() {
        notifier.shutdown();
    }
}
