package io.pgha.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Makes the stopped local data directory a replica's: a copy of another member (pg_basebackup or the
 * configured replica creation methods), or this one's rewound to a new primary, after the crash recovery a
 * rewind may need first. Reached through {@link Postgres#replicaSetup()}.
 */
public final class ReplicaSetup {
    public static final Duration DEFAULT_CLONE_TIMEOUT = Duration.ofHours(1);
    public static final Duration DEFAULT_REWIND_TIMEOUT = Duration.ofHours(1);
    /** A backup tool's restore of a large cluster takes hours; Patroni sets no limit at all. */
    public static final Duration DEFAULT_REPLICA_PROGRAM_TIMEOUT = Duration.ofHours(24);

    private final Postgres postgres;
    private final PostgresSettings settings;
    private final Commands commands;
    private final ConfigWriter writer;
    private final PostgresProcess process;
    private final DataDirectory dataDirectory;

    ReplicaSetup(Postgres postgres, Commands commands, ConfigWriter writer, PostgresProcess process,
                 DataDirectory dataDirectory) {
        this.postgres = postgres;
        this.settings = postgres.settings();
        this.commands = commands;
        this.writer = writer;
        this.process = process;
        this.dataDirectory = dataDirectory;
    }

    /** pg_basebackup from {@code source} into the empty data directory (two attempts, 5 s apart). */
    public void cloneFrom(Upstream source) {
        cloneFrom(source, DEFAULT_CLONE_TIMEOUT);
    }

    public void cloneFrom(Upstream source, Duration timeoutPerAttempt) {
        postgres.requireEmpty("clone");
        PgPass.write(settings.pgpass(), settings.authentication().all());
        new Clone(settings, commands, 2, Duration.ofSeconds(5)).from(source, timeoutPerAttempt);
        writer.restoreBackups();
    }

    /**
     * Creates this replica's data directory with {@code methods} in order until one succeeds (ha-loop.md
     * §14.1), then restores the configuration files a backup may lack and removes a promote trigger file.
     * A total failure removes the data directory.
     *
     * @param source the member to copy from; empty: only the methods with {@code no_leader} run
     * @return the method that created the replica
     */
    public ReplicaMethod createReplica(Optional<Upstream> source, List<ReplicaMethod> methods) {
        return createReplica(source, methods, DEFAULT_CLONE_TIMEOUT, DEFAULT_REPLICA_PROGRAM_TIMEOUT);
    }

    public ReplicaMethod createReplica(Optional<Upstream> source, List<ReplicaMethod> methods,
                                       Duration basebackupTimeout, Duration programTimeout) {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("cannot create a replica while PostgreSQL runs (pid " + pid.pid() + ")");
        });
        PgPass.write(settings.pgpass(), settings.authentication().all());
        ReplicaMethod method;
        try {
            method = new CreateReplica(settings, commands, new Clone(settings, commands, 2, Duration.ofSeconds(5)))
                    .run(source, methods, basebackupTimeout, programTimeout);
        } catch (PostgresException e) {
            dataDirectory.remove();
            throw e;
        }
        writer.restoreBackups();
        removePromoteTrigger();
        return method;
    }

    /** A trigger file restored with a backup would promote the new replica at once. */
    private void removePromoteTrigger() {
        String configured = settings.recoveryConf().getOrDefault("promote_trigger_file",
                settings.recoveryConf().get("trigger_file"));
        Path trigger = settings.dataDir().resolve(configured == null || configured.isEmpty() ? "promote" : configured);
        try {
            Files.deleteIfExists(trigger);
        } catch (IOException e) {
            throw new PostgresException("cannot remove the promote trigger file " + trigger + ": " + e.getMessage(), e);
        }
    }

    /** pg_rewind the stopped data directory to {@code source}; returns pg_rewind's output. */
    public String rewindFrom(Upstream source) {
        return rewindFrom(source, DEFAULT_REWIND_TIMEOUT);
    }

    public String rewindFrom(Upstream source, Duration timeout) {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("cannot rewind while PostgreSQL runs (pid " + pid.pid() + "); stop it first");
        });
        PgPass.write(settings.pgpass(), settings.authentication().all());
        return new Rewind(settings, commands).from(source, timeout);
    }

    /**
     * Single-user crash recovery of a stopped data directory that a primary left unclean (state
     * {@code in production} or {@code in crash recovery}); afterwards it is cleanly shut down.
     */
    public void crashRecovery(Duration timeout) {
        process.postmaster().ifPresent(pid -> {
            throw new PostgresException("cannot run crash recovery while PostgreSQL runs (pid " + pid.pid() + ")");
        });
        new CrashRecovery(settings, commands).run(timeout);
    }
}
