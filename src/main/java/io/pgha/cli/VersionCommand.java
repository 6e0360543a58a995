package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code version}: this tool's version, and with a cluster name each member's agent and PostgreSQL versions. */
@Command(name = "version", mixinStandardHelpOptions = true,
        description = "Output version of the tool or of running agents (Patroni or pgha).")
public final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    PghaCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLUSTER_NAME", completionCandidates = DcsNames.Clusters.class)
    String clusterName;

    @Parameters(index = "1..*", paramLabel = "MEMBER_NAMES", completionCandidates = DcsNames.Members.class)
    List<String> memberNames = List.of();

    @Override
    public Integer call() {
        CliContext context = root.context();
        String self = context.program().isPatronictl()
                ? "patronictl version " + io.pgha.Version.PGHA + " (pgha)"
                : "pgha version " + io.pgha.Version.PGHA;
        context.out().println(self);
        if (clusterName == null) {
            return ExitCode.OK;
        }
        context.out().println();
        Cluster cluster = context.readCluster(clusterName);
        for (Member member : cluster.members()) {
            if (member.apiUrl() == null || !memberNames.isEmpty() && !memberNames.contains(member.name())) {
                continue;
            }
            context.out().println(member.name() + ": " + describe(context, member));
        }
        return ExitCode.OK;
    }

    private static String describe(CliContext context, Member member) {
        try {
            NodeResponse response = context.nodeClient().get(URI.create(member.apiUrl()));
            Optional<Map<String, Object>> status = response.document();
            if (status.isEmpty()) {
                return "failed to get version: HTTP " + response.status() + " without a status document";
            }
            Object agent = status.get().get("patroni") instanceof Map<?, ?> patroni ? patroni.get("version") : null;
            return "Patroni " + (agent instanceof String || agent instanceof Number ? agent : "unknown")
                    + " PostgreSQL " + postgresVersion(integer(status.get().get("server_version")));
        } catch (NodeException | IllegalArgumentException e) {
            return "failed to get version: " + e.getMessage();
        }
    }

    private static int integer(Object value) {
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return value instanceof String text ? Integer.parseInt(text.trim()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** 150018 → 15.18; below 10: 90624 → 9.6.24. */
    static String postgresVersion(int serverVersion) {
        if (serverVersion >= 100000) {
            return serverVersion / 10000 + "." + serverVersion % 10000;
        }
        return serverVersion / 10000 + "." + serverVersion / 100 % 100 + "." + serverVersion % 100;
    }
}
