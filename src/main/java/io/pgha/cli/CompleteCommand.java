package io.pgha.cli;

import io.pgha.dcs.Cluster;
import io.pgha.dcs.ClusterParser;
import io.pgha.dcs.KeyValue;
import io.pgha.dcs.Keyspace;
import io.pgha.dcs.Member;
import io.pgha.dcs.RangeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code __complete clusters} and {@code __complete members [CLUSTER]}: names for the shell
 * completion, one per line, read from the DCS through the same configuration as every command.
 * Hidden: the completion script calls it, people do not.
 */
@Command(name = "__complete", hidden = true, mixinStandardHelpOptions = true,
        description = "Print cluster or member names read from the DCS, for shell completion.")
public final class CompleteCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", paramLabel = "clusters|members")
    String what;

    @Parameters(index = "1", arity = "0..1", paramLabel = "CLUSTER",
            description = "Default: scope from the configuration, else every cluster.")
    String clusterName;

    @Override
    public Integer call() {
        CliContext context = root.context();
        List<String> names;
        try {
            names = switch (what) {
                case "clusters" -> List.copyOf(clusters(context).keySet());
                case "members" -> memberNames(context);
                default -> List.of();
            };
        } catch (RuntimeException e) {
            // Whatever went wrong, a TAB press must not print it into the user's command line.
            return ExitCode.ERROR;
        }
        names.forEach(context.out()::println);
        return ExitCode.OK;
    }

    private List<String> memberNames(CliContext context) {
        String cluster = clusterName != null ? clusterName : context.config().scope().orElse(null);
        if (cluster != null) {
            Keyspace keyspace = context.keyspace(cluster);
            return names(ClusterParser.parse(keyspace, context.dcs().range(keyspace.prefix())));
        }
        return clusters(context).entrySet().stream()
                .flatMap(e -> names(ClusterParser.parse(context.keyspace(e.getKey()), e.getValue())).stream())
                .distinct()
                .toList();
    }

    private static List<String> names(Cluster cluster) {
        return cluster.members().stream().map(Member::name).toList();
    }

    /** One prefix read of the namespace, split by the next path segment (the cluster name), sorted by name. */
    private static Map<String, RangeResult> clusters(CliContext context) {
        String prefix = Keyspace.namespacePrefix(context.config().namespace());
        RangeResult all = context.dcs().range(prefix);
        Map<String, List<KeyValue>> byCluster = new TreeMap<>();
        for (KeyValue kv : all.kvs()) {
            String rest = kv.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                byCluster.computeIfAbsent(rest.substring(0, slash), name -> new ArrayList<>()).add(kv);
            }
        }
        Map<String, RangeResult> clusters = new TreeMap<>();
        byCluster.forEach((name, kvs) -> clusters.put(name, new RangeResult(all.revision(), kvs)));
        return clusters;
    }
}
