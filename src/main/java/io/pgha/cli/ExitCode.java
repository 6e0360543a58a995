package io.pgha.cli;

import java.util.List;

/** pgha's exit codes; stable, and listed in the man pages (EXIT STATUS) from {@link #documented()}. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;
    /** A node refused or failed the operation asked of it; patronictl prints such failures and exits 0. */
    public static final int OPERATION_FAILED = 3;

    /** One exit code and what it tells a caller. */
    public record Meaning(int code, String text) {
    }

    private ExitCode() {
    }

    /** Every exit code with its meaning, in code order. */
    public static List<Meaning> documented() {
        return List.of(
                new Meaning(OK, "The command did what was asked."),
                new Meaning(ERROR, "An error the tool detected: bad configuration, etcd unreachable, no such member, "
                        + "an aborted prompt."),
                new Meaning(USAGE, "The command line itself is wrong: unknown option, bad value, missing argument."),
                new Meaning(OPERATION_FAILED, "A node refused or failed the operation asked of it (switchover, failover, "
                        + "restart, reinit, reload, flush), or did not confirm it in time; the reason is printed."));
    }
}
