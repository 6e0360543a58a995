package io.pgha.cli;

import io.pgha.cli.render.ListOptions;
import io.pgha.cli.render.MemberListing;
import io.pgha.cli.render.OutputFormat;
import io.pgha.dcs.Cluster;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code remove}: deletes every key of a cluster from the DCS after patronictl's three confirmations
 * (patronictl.md §2.13). patronictl has no way to answer them from a script; the {@code --confirm-*}
 * options here give the same answers, and are checked exactly as typed answers are.
 */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove cluster from DCS.")
public final class RemoveCommand implements Callable<Integer> {
    static final String AWARE = "Yes I am aware";

    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterName target = new ClusterName();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "pretty", converter = FormatOption.class,
            completionCandidates = FormatOption.Names.class,
            description = "Output format of the member table: pretty, tsv, json, yaml. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--confirm-cluster", paramLabel = "CLUSTER_NAME",
            description = "Answers \"Please confirm the cluster name to remove\" (pgha; must equal CLUSTER_NAME).")
    String confirmCluster;

    @Option(names = "--i-am-aware",
            description = "Answers \"You are about to remove all information in DCS\" with \"" + AWARE + "\" (pgha).")
    boolean aware;

    @Option(names = "--confirm-leader", paramLabel = "MEMBER",
            description = "Answers \"Please specify the leader name to continue\" when the cluster has a leader "
                    + "(pgha; must name the current leader).")
    String confirmLeader;

    @Override
    public Integer call() {
        CliContext context = root.context();
        Cluster cluster = context.readCluster(target.name());
        MemberListing.print(List.of(cluster), new ListOptions(context.surface(), format, false), context.out());

        String name = confirmCluster != null ? confirmCluster
                : context.prompter().ask("Please confirm the cluster name to remove: ", null, "--confirm-cluster NAME");
        if (!target.name().equals(name)) {
            throw new CliException("Cluster names specified do not match");
        }
        String answer = aware ? AWARE : context.prompter().ask("You are about to remove all information in DCS for "
                + target.name() + ", please type: \"" + AWARE + "\": ", null, "--i-am-aware");
        if (!AWARE.equals(answer)) {
            throw new CliException("You did not exactly type \"" + AWARE + "\"");
        }
        if (!cluster.isUnlocked()) {
            String leader = confirmLeader != null ? confirmLeader : context.prompter().ask(
                    "This cluster currently is healthy. Please specify the leader name to continue: ", null,
                    "--confirm-leader MEMBER");
            if (!Objects.equals(cluster.leader().name(), leader)) {
                throw new CliException("You did not specify the current leader of the cluster");
            }
        }
        context.dcs().deletePrefix(context.keyspace(target.name()).prefix());
        return ExitCode.OK;
    }
}
