package io.pgha.cli;

import io.pgha.api.NodeException;
import io.pgha.api.NodeResponse;
import io.pgha.dcs.Cluster;
import io.pgha.dcs.Member;
import io.pgha.text.PyJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code reinit}: rebuild replicas from scratch ({@code POST /reinitialize}), optionally waiting for the end. */
@Command(name = "reinit", mixinStandardHelpOptions = true, description = "Reinitialize cluster member.")
public final class ReinitCommand implements Callable<Integer> {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL_WAIT = Duration.ofSeconds(5);

    @ParentCommand
    PghaCommand root;

    @Mixin
    ClusterName target = new ClusterName();

    @Parameters(index = "1..*", paramLabel = "MEMBER_NAMES", completionCandidates = DcsNames.Members.class)
    List<String> memberNames = new ArrayList<>();

    @Mixin
    CitusGroup group = new CitusGroup();

    @Mixin
    ForceOption force = new ForceOption();

    @Option(names = "--from-leader", description = "Get basebackup from leader.")
    boolean fromLeader;

    @Option(names = "--wait", description = "Wait until reinitialization completes.")
    boolean await;

    /** Between two looks at the members' state while waiting (patronictl: 2 s). */
    Duration pollInterval = Duration.ofSeconds(2);

    @Override
    public Integer call() {
        CliContext context = root.context();
        group.refuse();
        return run(OperationContext.of(context));
    }

    int run(OperationContext ops) {
        Cluster cluster = ops.access().read(target.name());
        List<Member> members = MemberSelection.select(ops, cluster, target.name(), memberNames,
                new MemberSelection.RoleText(MemberRole.REPLICA, false), force.given(), "reinitialize");
        MemberSelection.confirm(ops, members, force.given(), "reinitialize", null, false);
        boolean allDone = true;
        List<Member> waitingFor = new ArrayList<>();
        for (Member member : members) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("force", force.given());
            if (!ops.patroni30()) {
                body.put("from_leader", fromLeader);
            }
            boolean started;
            try {
                while (true) {
                    NodeResponse r = ops.access().request(member, "POST", "/reinitialize", PyJson.dumps(body), WAIT);
                    started = r.status() < 400;
                    ops.out().println(started ? "Success: reinitialize for member " + member.name()
                            : MemberSelection.failure("reinitialize", member, r));
                    if (!started && r.body().endsWith(" already in progress") && !force.given()
                            && ops.prompter().confirm("Do you want to cancel it and reinitialize anyway?", "--force")) {
                        body.put("force", true);
                        continue;
                    }
                    break;
                }
            } catch (NodeException e) {
                ops.out().println(MemberSelection.unreachable("reinitialize", member, e));
                started = false;
            }
            allDone &= started;
            if (started && await) {
                waitingFor.add(member);
            }
        }
        return awaitCompletion(ops, waitingFor) && allDone ? ExitCode.OK : ExitCode.OPERATION_FAILED;
    }

    /** Until no waited-for member reports {@code creating replica}; a member that cannot say ends its wait as a failure. */
    private boolean awaitCompletion(OperationContext ops, List<Member> waitingFor) {
        boolean allCompleted = true;
        List<Member> shown = List.of();
        ProgressLine progress = ops.progressLine();
        while (!waitingFor.isEmpty()) {
            if (!waitingFor.equals(shown)) {
                progress.close();
                ops.out().println("Waiting for reinitialize to complete on: "
                        + waitingFor.stream().map(Member::name).collect(Collectors.joining(", ")));
                ops.out().flush();
                shown = List.copyOf(waitingFor);
            }
            progress.update("waiting for reinitialize on "
                    + waitingFor.stream().map(Member::name).collect(Collectors.joining(", ")));
            sleep(pollInterval);
            progress.close();
            for (Member member : List.copyOf(waitingFor)) {
                String state;
                try {
                    NodeResponse r = ops.access().request(member, "GET", "/patroni", null, POLL_WAIT);
                    Object value = r.document().map(d -> d.get("state")).orElse(null);
                    if (r.document().isEmpty()) {
                        ops.out().println("Failed: cannot tell whether reinitialize completed on member " + member.name()
                                + ": status code=" + r.status() + ", the answer is not a JSON object");
                        waitingFor.remove(member);
                        allCompleted = false;
                        continue;
                    }
                    state = value == null ? null : value.toString();
                } catch (NodeException e) {
                    ops.out().println("Failed: cannot tell whether reinitialize completed on member " + member.name()
                            + ": " + e.getMessage());
                    waitingFor.remove(member);
                    allCompleted = false;
                    continue;
                }
                if (!"creating replica".equals(state)) {
                    ops.out().println("Reinitialize is completed on: " + member.name());
                    waitingFor.remove(member);
                }
            }
        }
        return allCompleted;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for reinitialize");
        }
    }
}
