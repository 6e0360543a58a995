package io.pgha.cli;

/** pgha's exit codes; stable, and listed in the man pages. */
public final class ExitCode {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** An error the tool detected: bad configuration, etcd unreachable, no such member, an aborted prompt. */
    public static final int ERROR = 1;
    /** The command line itself is wrong: unknown option, bad value, missing argument. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
