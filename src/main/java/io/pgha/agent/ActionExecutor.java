package io.pgha.agent;

import io.pgha.dcs.DcsException;
import io.pgha.ha.Action;
import io.pgha.ha.Decision;
import io.pgha.postgres.PostgresException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Executes a final decision's actions in order (package-info "Execute the final decision"), stopping
 * at the first that fails: the next cycle decides again from fresh inputs. Memory updates are plain
 * assignments here; effects go to {@link DcsActions} and {@link PostgresActions}.
 */
final class ActionExecutor {
    private static final System.Logger LOG = System.getLogger(ActionExecutor.class.getName());

    /** What the loop has to do after a decision was executed. */
    record Outcome(boolean runAgainAtOnce, Action.Fatal fatal) {
    }

    private final AgentParts parts;
    private final DcsActions dcs;
    private final PostgresActions postgres;
    private final SyncReplication sync;
    private final Consumer<Cycle> publishState;

    /**
     * @param publishState refreshes the state the REST API serves; run before the member key is written, so
     *        a peer that reads the member key and then asks this node's API never gets an older answer
     *        (a leader checking a failover candidate would count it unreachable)
     */
    ActionExecutor(AgentParts parts, Consumer<Cycle> publishState) {
        this.parts = parts;
        this.publishState = publishState;
        this.dcs = new DcsActions(parts);
        this.postgres = new PostgresActions(parts, dcs);
        this.sync = new SyncReplication(parts);
    }

    Outcome execute(Decision decision, Cycle cycle) {
        boolean again = false;
        for (Action action : decision.actions()) {
            if (action instanceof Action.Fatal fatal) {
                return new Outcome(false, fatal);
            }
            if (action instanceof Action.Demote) {
                again = true;
            }
            if (!executeOne(action, cycle, decision.actions())) {
                break;
            }
        }
        return new Outcome(again, null);
    }

    private boolean executeOne(Action action, Cycle cycle, List<Action> all) {
        try {
            if (remember(action)) {
                return true;
            }
            if (action instanceof Action.ActivateWatchdog) {
                return parts.watchdog.activate(cycle.timings().ttl(), cycle.timings().loopWait());
            }
            if (action instanceof Action.AnnounceRoleChange) {
                if (!cycle.local().agent().bootstrapping()) {
                    parts.callbacks.fire(Callbacks.Event.ON_ROLE_CHANGE, parts.callbackRole());
                }
                return true;
            }
            if (action instanceof Action.Wait wait) {
                Thread.sleep(wait.duration().toMillis());
                return true;
            }
            if (action instanceof Action.PublishMember) {
                publishState.accept(cycle);
            }
            Boolean done = dcs.execute(action, cycle);
            if (done == null) {
                done = postgres.execute(action, cycle);
            }
            if (done == null) {
                done = sync.execute(action, cycle);
            }
            if (done == null) {
                throw new IllegalStateException("no executor for " + action);
            }
            return done;
        } catch (DcsException e) {
            LOG.log(System.Logger.Level.ERROR, describe(action) + " failed: " + e.getMessage());
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.ERROR, describe(action) + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (all.indexOf(action) < all.size() - 1) {
            LOG.log(System.Logger.Level.WARNING, "skipping the rest of this cycle's actions: " + all.subList(all.indexOf(action) + 1, all.size()));
        }
        return false;
    }

    /** The memory updates of package-info "Agent memory"; true when {@code action} was one. */
    private boolean remember(Action action) {
        var memory = parts.memory;
        if (action instanceof Action.SetRole a) {
            memory.role(a.role());
        } else if (action instanceof Action.SetRewindState a) {
            memory.rewindState(a.state());
        } else if (action instanceof Action.ForgetStartAttempt) {
            memory.forgetStartAttempt();
        } else if (action instanceof Action.ResetCrashRecovery) {
            memory.resetCrashRecovery();
        } else if (action instanceof Action.FinishBootstrap) {
            memory.finishBootstrap();
        } else if (action instanceof Action.MarkAnnounced) {
            memory.announced(true);
            if (!parts.callbacks.called()) {
                parts.callbacks.fire(Callbacks.Event.ON_START, parts.callbackRole());
            }
        } else {
            return false;
        }
        return true;
    }

    private static String describe(Action action) {
        return action.getClass().getSimpleName();
    }
}
