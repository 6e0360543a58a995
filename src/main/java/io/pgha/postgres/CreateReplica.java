package io.pgha.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tries the replica creation methods in order until one exits 0 (ha-loop.md §14.1). basebackup is
 * {@link Clone}; any other method is the user's program, run with the method's options and Patroni's
 * {@code --scope --role --datadir --connstring}. The connection string carries no password: the program
 * finds it in the pgpass file named by PGPASSFILE, like every client the agent starts.
 */
final class CreateReplica {
    private static final System.Logger LOG = System.getLogger(CreateReplica.class.getName());

    private final PostgresSettings settings;
    private final Commands commands;
    private final Clone clone;
    private final DataDirectory dataDirectory;

    CreateReplica(PostgresSettings settings, Commands commands, Clone clone) {
        this.settings = settings;
        this.commands = commands;
        this.clone = clone;
        this.dataDirectory = new DataDirectory(settings.dataDir());
    }

    /**
     * Runs the methods; without {@code source} only those that work without a leader. Returns the one
     * that succeeded.
     *
     * @throws PostgresException naming each method's failure when none succeeded
     */
    ReplicaMethod run(Optional<Upstream> source, List<ReplicaMethod> methods, Duration basebackupTimeout,
                      Duration programTimeout) {
        List<ReplicaMethod> usable = source.isPresent() ? methods
                : methods.stream().filter(ReplicaMethod::worksWithoutLeader).toList();
        if (usable.isEmpty()) {
            throw new PostgresException("no member to copy from and none of the replica creation methods "
                    + names(methods) + " has no_leader set");
        }
        String connstring = source.map(this::connstring).orElse("");
        List<String> failures = new ArrayList<>();
        for (ReplicaMethod method : usable) {
            if (Thread.currentThread().isInterrupted()) {
                failures.add("cancelled");
                break;
            }
            try {
                if (method.isBasebackup()) {
                    clone.from(source.orElseThrow(), basebackupTimeout);
                } else {
                    runProgram(method, connstring, programTimeout);
                }
                LOG.log(System.Logger.Level.INFO, "replica has been created using " + method.name());
                return method;
            } catch (PostgresException e) {
                LOG.log(System.Logger.Level.ERROR, "Error creating replica using method " + method.name() + ": "
                        + e.getMessage());
                failures.add(method.name() + ": " + e.getMessage());
            }
        }
        throw new PostgresException("could not create the replica: " + String.join("; ", failures));
    }

    private void runProgram(ReplicaMethod method, String connstring, Duration timeout) {
        if (method.keepData()) {
            LOG.log(System.Logger.Level.INFO, "Leaving data directory uncleaned");
        } else if (!dataDirectory.isEmpty()) {
            dataDirectory.remove();
        }
        CommandResult result;
        try {
            // the agent's locale, as Patroni passes its environment on
            result = commands.runKeepingLocale(method.commandLine(settings.scope(), settings.dataDir(), connstring),
                    Map.of(), timeout);
        } catch (PostgresException e) {
            cleanUp(method);
            throw e;
        }
        if (!result.ok()) {
            cleanUp(method);
            throw new PostgresException(String.join(" ", method.command()) + " exited with code=" + result.exitCode()
                    + ": " + result.reason());
        }
    }

    private void cleanUp(ReplicaMethod method) {
        if (!method.keepData() && !dataDirectory.isEmpty()) {
            dataDirectory.remove();
        }
    }

    /** Patroni's {@code --connstring}: libpq keywords in its order, the password left to the pgpass file. */
    String connstring(Upstream source) {
        Map<String, String> keywords = new LinkedHashMap<>();
        keywords.put("dbname", source.database());
        keywords.put("user", settings.authentication().replication().username());
        keywords.put("host", source.host());
        keywords.put("port", String.valueOf(source.port()));
        List<String> pairs = new ArrayList<>();
        keywords.forEach((k, v) -> pairs.add(k + "=" + v.replaceAll("(['\\\\ ])", "\\\\$1")));
        return String.join(" ", pairs);
    }

    private static String names(List<ReplicaMethod> methods) {
        return methods.stream().map(ReplicaMethod::name).toList().toString();
    }
}
