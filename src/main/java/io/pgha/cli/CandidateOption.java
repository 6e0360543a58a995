package io.pgha.cli;

import picocli.CommandLine.Option;

/** The {@code --candidate} option of switchover and failover: the member to hand the leader role to. */
public final class CandidateOption {
    @Option(names = "--candidate", paramLabel = "NAME", completionCandidates = DcsNames.Members.class,
            description = "The name of the candidate.")
    String candidate;

    String name() {
        return candidate;
    }
}
