package io.pgha.cli.prompt;

import java.util.Locale;

/** How an answer to a yes/no question reads (click's rules: y, yes, n, no in any case; empty = default). */
final class Answers {
    private Answers() {
    }

    /** TRUE, FALSE, or null when the answer is neither and the question must be asked again. */
    static Boolean yesNo(String answer, boolean defaultValue) {
        String a = answer.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "" -> defaultValue;
            case "y", "yes" -> Boolean.TRUE;
            case "n", "no" -> Boolean.FALSE;
            default -> null;
        };
    }
}
