package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What an upstream (IDENTIFY_SYSTEM, TIMELINE_HISTORY) and the local pg_wal say about timelines: the facts
 * behind the divergence check before a rewind and behind the /history key. Reached through
 * {@link Postgres#timelines()}.
 */
public final class Timelines {
    private final PostgresSettings settings;
    private final Connector connector;

    Timelines(PostgresSettings settings, Connector connector) {
        this.settings = settings;
        this.connector = connector;
    }

    /** IDENTIFY_SYSTEM on {@code upstream} over a replication connection (replication user). */
    public SystemIdentity identifySystem(Upstream upstream) {
        return new ReplicationProtocol(settings, connector).identifySystem(upstream);
    }

    /** The history of {@code timeline} on {@code upstream} (TIMELINE_HISTORY); empty for timeline 1. */
    public List<TimelineHistory.Entry> history(Upstream upstream, int timeline) {
        return new ReplicationProtocol(settings, connector).timelineHistory(upstream, timeline);
    }

    /** The local {@code pg_wal/<timeline>.history} file, parsed; empty for timeline 1. */
    public List<TimelineHistory.Entry> localHistory(int timeline) {
        if (timeline <= 1) {
            return List.of();
        }
        Path file = settings.dataDir().resolve("pg_wal").resolve(String.format("%08X.history", timeline));
        try {
            return TimelineHistory.parse(Files.readString(file));
        } catch (IOException e) {
            throw new PostgresException("cannot read timeline history " + file + ": " + e.getMessage(), e);
        }
    }
}
