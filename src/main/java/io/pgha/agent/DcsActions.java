package io.pgha.agent;

import io.pgha.dcs.KeyspaceWriter;
import io.pgha.ha.Action;
import io.pgha.ha.AsyncTask;
import io.pgha.ha.PostgresState;
import io.pgha.postgres.ControlData;
import io.pgha.postgres.LocalPostgresStatus;
import io.pgha.postgres.PostgresException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Executes the actions that write to etcd (keyspace.md §6); false when the action did not happen. */
final class DcsActions {
    private static final System.Logger LOG = System.getLogger(DcsActions.class.getName());

    /** Python's isoformat() of an aware datetime, as Patroni writes /history times. */
    private static final java.time.format.DateTimeFormatter PATRONI_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private final AgentParts parts;

    DcsActions(AgentParts parts) {
        this.parts = parts;
    }

    /** Null when {@code action} is not a DCS action. */
    Boolean execute(Action action, Cycle cycle) {
        if (action instanceof Action.WriteInitialize a) {
            parts.dcs.writeInitialize(a.sysid(), a.createOnly());
        } else if (action instanceof Action.DeleteInitialize) {
            parts.dcs.deleteInitialize();
        } else if (action instanceof Action.WriteConfig) {
            parts.dcs.writeConfig(dynamicToWrite());
        } else if (action instanceof Action.TakeLeaderKey) {
            parts.dcs.takeLeaderKey();
            parts.memory.leaderKeyRenewed(cycle.now());
        } else if (action instanceof Action.ReleaseLeaderLock a) {
            releaseLeader(a.withShutdownCheckpoint());
        } else if (action instanceof Action.WriteFailsafe a) {
            parts.dcs.writeFailsafe(io.pgha.dcs.KeyspaceWriter.failsafe(a.members()));
            parts.failsafe.written(a.members());
        } else if (action instanceof Action.WriteStatus a) {
            parts.dcs.writeStatus(a.optime(), permanentSlotPositions(cycle));
        } else if (action instanceof Action.UpdateHistory a) {
            updateHistory(a.timeline(), cycle);
        } else if (action instanceof Action.ClearFailoverKey a) {
            return cas(parts.dcs.clearFailover(a.expectedModRevision()));
        } else if (action instanceof Action.RewriteFailoverKey a) {
            return cas(parts.dcs.rewriteFailover(a.candidate(), a.scheduledAt(), a.expectedModRevision()));
        } else if (action instanceof Action.PublishMember) {
            publishMember(cycle);
        } else {
            return null;
        }
        return true;
    }

    /** Where the leader's permanent slots stand, for /status.slots (ha-loop.md §16.3); empty when unknown. */
    private Map<String, Long> permanentSlotPositions(Cycle cycle) {
        if (cycle.view() == null) {
            return Map.of();
        }
        io.pgha.ha.PermanentSlots permanent = io.pgha.ha.PermanentSlots.from(cycle.view().config());
        if (permanent.slots().isEmpty() || !io.pgha.ha.ClusterSettings.from(cycle.view().config()).useSlots()) {
            return Map.of();
        }
        try {
            return permanent.positions(parts.postgres().replicationSlots().list().stream().filter(s -> !s.temporary())
                    .map(SlotKeeper::existing).toList());
        } catch (PostgresException e) {
            return Map.of();
        }
    }

    /** Compare-and-delete of the leader key; with the shutdown checkpoint put into /status in the same transaction. */
    void releaseLeader(boolean withShutdownCheckpoint) {
        Long optime = withShutdownCheckpoint ? shutdownCheckpoint().orElse(null) : null;
        boolean deleted = parts.dcs.releaseLeader(optime);
        parts.memory.leaderKeyLost();
        LOG.log(System.Logger.Level.INFO, deleted ? "released the leader key" : "the leader key was not mine any more");
    }

    /** Where a cleanly stopped server's last checkpoint is; the optime a leader leaves in /status. */
    java.util.Optional<Long> shutdownCheckpoint() {
        var header = io.pgha.postgres.ControlFileHeader.read(parts.postgres().settings().dataDir());
        if (header.isPresent()) {
            return header.get().shutDown() ? java.util.Optional.of(header.get().checkpointLocation()) : java.util.Optional.empty();
        }
        try {
            ControlData control = parts.postgres().controlData();
            if (control.clusterState() == ControlData.ClusterState.SHUT_DOWN) {
                return java.util.Optional.of(control.latestCheckpointLocation());
            }
        } catch (PostgresException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the shutdown checkpoint: " + e.getMessage());
        }
        return java.util.Optional.empty();
    }

    void publishMember(Cycle cycle) {
        publishMember(cycle.view() != null && cycle.view().isPaused());
    }

    /** The member key from the agent's current state; {@code paused} as the cluster is. */
    void publishMember(boolean paused) {
        AsyncTask task = parts.tasks.current();
        PostgresState state = parts.local.state();
        boolean positions = (task == null || task.kind() == AsyncTask.Kind.PROMOTE)
                && (state == PostgresState.RUNNING || state == PostgresState.STARTING || state == PostgresState.RESTARTING);
        LocalPostgresStatus status = parts.local.lastStatus();
        String document = MemberDocument.build(parts.postgres().settings().connUrl(), parts.config.restapi().apiUrl(),
                state, parts.memory.role(), SyncDuties.tags(parts), status, positions, paused, scheduledRestart());
        parts.dcs.publishMember(document);
    }

    private Map<String, Object> scheduledRestart() {
        io.pgha.ha.ScheduledRestart restart = parts.memory.scheduledRestart();
        return restart == null ? null : restart.published();
    }

    /** /config as written by a bootstrap winner: its dynamic configuration with the timings as adjusted. */
    private Map<String, Object> dynamicToWrite() {
        Map<String, Object> data = new LinkedHashMap<>(parts.settings.dynamic().data());
        var timings = parts.settings.timings();
        data.put("ttl", timings.ttl());
        data.put("loop_wait", timings.loopWait());
        data.put("retry_timeout", timings.retryTimeout());
        return data;
    }

    private void updateHistory(long timeline, Cycle cycle) {
        if (timeline <= 1) {
            parts.dcs.writeHistory("[]");
            return;
        }
        var postgres = parts.postgres();
        Path file = postgres.settings().dataDir().resolve("pg_wal").resolve(String.format("%08X.history", timeline));
        String time;
        try {
            time = PATRONI_TIME.format(OffsetDateTime.ofInstant(Files.getLastModifiedTime(file).toInstant(),
                    ZoneId.systemDefault()));
        } catch (IOException e) {
            throw new PostgresException("cannot read the time of " + file + ": " + e.getMessage(), e);
        }
        int max = (int) (cycle.view() == null ? 0 : cycle.view().config().number("max_timelines_history", 0));
        parts.dcs.writeHistory(KeyspaceWriter.history(HistoryEntries.build(
                postgres.timelines().localHistory((int) timeline),
                cycle.view() == null ? null : cycle.view().history(), time, parts.name(), max)));
    }

    private Boolean cas(boolean done) {
        if (!done) {
            LOG.log(System.Logger.Level.WARNING, "/failover changed under me; reading the cluster again");
            parts.cache.invalidate();
        }
        return done;
    }
}
