package io.pgha.cli.doctor;

/**
 * One result of one check: what was found, why it matters, and the command that fixes or investigates it.
 *
 * @param check the check's name, as {@code --check} takes it
 * @param summary what was found, one line
 * @param why why it matters, one line
 * @param fix the command that fixes or investigates it
 */
public record Finding(String check, Severity severity, String summary, String why, String fix) {

    public static Finding ok(String check, String summary, String why, String fix) {
        return new Finding(check, Severity.OK, summary, why, fix);
    }

    public static Finding warning(String check, String summary, String why, String fix) {
        return new Finding(check, Severity.WARNING, summary, why, fix);
    }

    public static Finding critical(String check, String summary, String why, String fix) {
        return new Finding(check, Severity.CRITICAL, summary, why, fix);
    }
}
